import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** The article's database ses-logs-<region> needs back-quotes in every query; Athena-friendly names do not. */
export const glueAthenaFriendlyNames: ResourceValidationPolicy = {
    name: "glue-athena-friendly-names",
    description: "Glue database and table names use only lower-case letters, digits and underscores, so Athena queries need no quoting.",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.glueDatabase, T.glueTable], (args, reportViolation) => {
        if (!/^[a-z0-9_]+$/.test(args.props.name ?? "")) {
            reportViolation(
                `'${args.props.name}' needs quoting in Athena. Fix: name it with lower-case letters, digits and underscores only (${String(
                    args.props.name ?? "",
                )
                    .toLowerCase()
                    .replace(/[^a-z0-9_]/g, "_")}).`,
            );
        }
    }),
};
