import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** With projection on, Athena reads only the template's paths: a table without one (or a key without rules) finds nothing. */
export const glueProjectionComplete: ResourceValidationPolicy = {
    name: "glue-projection-complete",
    description:
        "A Glue table with partition projection has a storage.location.template naming every partition key, and a projection type for each key.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.glueTable], (args, reportViolation) => {
        const parameters = args.props.parameters ?? {};
        if (parameters["projection.enabled"] !== "true") {
            return;
        }
        const template: string | undefined = parameters["storage.location.template"];
        if (!template) {
            reportViolation(
                `Table ${args.props.name ?? args.name} has partition projection on but no storage.location.template: Athena finds nothing. Fix: set it to the prefix Firehose writes, with \${key} for each partition key.`,
            );
            return;
        }
        for (const key of (args.props.partitionKeys ?? []).map((k: any) => k.name)) {
            if (!template.includes("${" + key + "}")) {
                reportViolation(
                    `Table ${args.props.name ?? args.name}: storage.location.template does not use partition key ${key}. Fix: put \${${key}} where Firehose writes that key.`,
                );
            }
            if (!parameters[`projection.${key}.type`]) {
                reportViolation(
                    `Table ${args.props.name ?? args.name}: partition key ${key} has no projection.${key}.type. Fix: set it (enum, date, integer or injected) with its range or values.`,
                );
            }
        }
    }),
};
