import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** cdk-nag AwsSolutions-KDF1: records wait in Firehose's buffer for minutes; encrypt them there too. */
export const firehoseStreamEncrypted: ResourceValidationPolicy = {
    name: "firehose-stream-encrypted",
    description: "Direct-put Firehose streams have server-side encryption on (records in Firehose's buffer hold recipients' addresses).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.firehose], (args, reportViolation) => {
        if (args.props.kinesisSourceConfiguration !== undefined || args.props.mskSourceConfiguration !== undefined) {
            return; // a Kinesis or MSK source is encrypted at its source; Firehose refuses SSE on top of it
        }
        if (args.props.serverSideEncryption?.enabled !== true) {
            reportViolation(
                `Stream ${args.name} does not encrypt buffered records. Fix: set serverSideEncryption.enabled = true (AWS_OWNED_CMK costs nothing).`,
            );
        }
    }),
};
