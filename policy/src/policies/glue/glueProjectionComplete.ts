import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** With projection on, Athena reads only the template's paths: a table without one (or a key without rules) finds nothing. */
export const glueProjectionComplete: ResourceValidationPolicy = {
    name: "glue-projection-complete",
    description: "A Glue table with partition projection has a storage.location.template naming every partition key, and a projection type for each key.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== T.glueTable) {
            return;
        }
        const parameters = args.props.parameters ?? {};
        if (parameters["projection.enabled"] !== "true") {
            return;
        }
        const template: string | undefined = parameters["storage.location.template"];
        if (!template) {
            reportViolation("Partition projection is on but storage.location.template is missing.");
            return;
        }
        for (const key of (args.props.partitionKeys ?? []).map((k: any) => k.name)) {
            if (!template.includes("${" + key + "}")) {
                reportViolation(`storage.location.template does not use partition key ${key}.`);
            }
            if (!parameters[`projection.${key}.type`]) {
                reportViolation(`Partition key ${key} has no projection.${key}.type.`);
            }
        }
    },
};
