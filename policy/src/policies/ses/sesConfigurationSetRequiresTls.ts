import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

export const sesConfigurationSetRequiresTls: ResourceValidationPolicy = {
    name: "ses-configuration-set-requires-tls",
    description:
        "SES configuration sets (sesv2 or v1) deliver only over TLS (deliveryOptions.tlsPolicy REQUIRE, v1 Require), as the article's set does.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.configurationSet, T.configurationSetV1], (args, reportViolation) => {
        const policy = args.props.deliveryOptions?.tlsPolicy;
        if (String(policy).toUpperCase() !== "REQUIRE") {
            reportViolation(
                `Configuration set ${args.props.configurationSetName ?? args.props.name ?? args.name} may deliver mail without TLS (tlsPolicy ${policy ?? "unset"}). Fix: set deliveryOptions.tlsPolicy to ${args.type === T.configurationSet ? "REQUIRE" : "Require"}.`,
            );
        }
    }),
};
