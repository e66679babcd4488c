import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

export const configurationSetRequiresTls: ResourceValidationPolicy = {
    name: "ses-configuration-set-requires-tls",
    description: "SES configuration sets deliver only over TLS (deliveryOptions.tlsPolicy REQUIRE), as the article's set does.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type === T.configurationSet && args.props.deliveryOptions?.tlsPolicy !== "REQUIRE") {
            reportViolation("The configuration set may deliver mail without TLS; set deliveryOptions.tlsPolicy to REQUIRE.");
        }
    },
};
