import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** awsguard cmk-backing-key-rotation-enabled, cdk-nag AwsSolutions-KMS5. */
export const kmsKeyRotationEnabled: ResourceValidationPolicy = {
    name: "kms-key-rotation-enabled",
    description: "Symmetric customer managed KMS keys rotate their key material automatically (enableKeyRotation).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.kmsKey], (args, reportViolation) => {
        const spec = args.props.customerMasterKeySpec ?? args.props.keySpec ?? "SYMMETRIC_DEFAULT";
        if (spec === "SYMMETRIC_DEFAULT" && args.props.enableKeyRotation !== true) {
            reportViolation(
                `Key ${args.name} does not rotate its key material. Fix: set enableKeyRotation = true (AWS rotates yearly; old material still decrypts).`,
            );
        }
    }),
};
