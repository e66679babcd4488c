import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, lifecycleRules } from "../../stack";
import { T } from "../../types";

/** S3's minimum billed storage duration per class (days): moving objects later than expiry minus this pays for nothing. */
const MINIMUM_STORAGE_DAYS: Record<string, number> = {
    STANDARD_IA: 30,
    ONEZONE_IA: 30,
    INTELLIGENT_TIERING: 0,
    GLACIER_IR: 90,
    GLACIER: 90,
    DEEP_ARCHIVE: 180,
};

interface Transition {
    days?: number;
    storageClass?: string;
}

/**
 * Log objects Athena must read stay in classes it reads without a restore (Glacier Flexible
 * Retrieval and Deep Archive need one before every query: old days silently drop out of results),
 * and move early enough before expiry to outlive the class's minimum billed duration.
 */
export const s3BucketStorageClassReadable: ResourceValidationPolicy = {
    name: "s3-bucket-storage-class-readable",
    description:
        "Lifecycle transitions go only to classes Athena reads directly (default STANDARD_IA, GLACIER_IR, INTELLIGENT_TIERING), and leave the class's minimum storage duration before the objects expire.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedStorageClasses: {
                type: "array",
                items: { type: "string" },
                default: ["STANDARD_IA", "GLACIER_IR", "INTELLIGENT_TIERING"],
            },
        },
    },
    validateResource: forTypes([T.bucketLifecycle, T.bucketV1], (args, reportViolation) => {
        const { allowedStorageClasses = ["STANDARD_IA", "GLACIER_IR", "INTELLIGENT_TIERING"] } = args.getConfig<{
            allowedStorageClasses?: string[];
        }>();
        const rules = lifecycleRules(args.type, args.props).map(r => ({
            prefix: (r.filter?.prefix ?? r.prefix ?? "") as string,
            expirationDays: r.expiration?.days as number | undefined,
            transitions: (r.transitions ?? []) as Transition[],
        }));
        const bucketExpiry = rules.find(r => r.prefix === "" && r.expirationDays !== undefined)?.expirationDays;
        for (const rule of rules) {
            const expiry = rule.expirationDays ?? bucketExpiry;
            for (const transition of rule.transitions) {
                const storageClass = transition.storageClass ?? "";
                const where = `${args.name} moves objects under '${rule.prefix}' to ${storageClass} after ${transition.days ?? 0} days`;
                if (!allowedStorageClasses.includes(storageClass)) {
                    reportViolation(
                        `${where}: Athena cannot read ${storageClass} without a restore, so those days drop out of every query. Fix: use one of ${allowedStorageClasses.join(", ")}.`,
                    );
                }
                const minimum = MINIMUM_STORAGE_DAYS[storageClass] ?? 0;
                if (expiry !== undefined && transition.days !== undefined && expiry - transition.days < minimum) {
                    reportViolation(
                        `${where}, but they expire at ${expiry} days and ${storageClass} bills at least ${minimum} days. Fix: move at day ${expiry - minimum} or earlier, or not at all.`,
                    );
                }
            }
        }
    }),
};
