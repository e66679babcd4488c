import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** A bucket or key that a config change could replace or delete takes the only copy of the logs with it. */
export const dataBearingResourcesProtected: ResourceValidationPolicy = {
    name: "data-bearing-resources-protected",
    description:
        "Log buckets and the KMS keys that encrypt them are protected (protect resource option), so a destroy or a replacing change fails instead of deleting data.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { protectedTypes: { type: "array", items: { type: "string" }, default: [T.bucket, T.kmsKey] } },
    },
    validateResource: (args, reportViolation) => {
        const { protectedTypes = [T.bucket, T.kmsKey] } = args.getConfig<{ protectedTypes?: string[] }>();
        if (protectedTypes.includes(args.type) && args.opts.protect !== true) {
            reportViolation(
                `${args.name} (${args.type}) holds or unlocks the logs but is not protected. Fix: set the protect resource option (protect(true)).`,
            );
        }
    },
};
