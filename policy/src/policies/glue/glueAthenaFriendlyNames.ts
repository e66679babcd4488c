import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** The article's database ses-logs-<region> needs back-quotes in every query; Athena-friendly names do not. */
export const glueAthenaFriendlyNames: ResourceValidationPolicy = {
    name: "glue-athena-friendly-names",
    description: "Glue database and table names use only lower-case letters, digits and underscores, so Athena queries need no quoting.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if ((args.type === T.glueDatabase || args.type === T.glueTable) && !/^[a-z0-9_]+$/.test(args.props.name ?? "")) {
            reportViolation(`'${args.props.name}' needs quoting in Athena: use lower-case letters, digits and underscores.`);
        }
    },
};
