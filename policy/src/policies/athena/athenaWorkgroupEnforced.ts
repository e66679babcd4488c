import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

const ENCRYPTED = ["SSE_S3", "SSE_KMS", "CSE_KMS"];
const MIB = 1024 * 1024;

/**
 * The workgroup is the only place Athena's cost and result handling can be pinned: unenforced,
 * any user can write results anywhere unencrypted; without a cutoff, one query scans the archive.
 */
export const athenaWorkgroupEnforced: ResourceValidationPolicy = {
    name: "athena-workgroup-enforced",
    description:
        "Athena workgroups enforce their configuration, encrypt query results, and cut off queries that scan more than the allowed bytes.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // Athena's own lower bound is 10 MB.
            minScanCutoffMb: { type: "integer", default: 10, minimum: 10 },
            maxScanCutoffMb: { type: "integer", default: 102400, minimum: 10 },
        },
    },
    validateResource: forTypes([T.athenaWorkgroup], (args, reportViolation) => {
        const { minScanCutoffMb = 10, maxScanCutoffMb = 102400 } = args.getConfig<{ minScanCutoffMb?: number; maxScanCutoffMb?: number }>();
        const configuration = args.props.configuration ?? {};
        const name = args.props.name ?? args.name;
        if (configuration.enforceWorkgroupConfiguration !== true) {
            reportViolation(
                `Workgroup ${name} does not enforce its configuration: clients can send results anywhere, unencrypted. Fix: set configuration.enforceWorkgroupConfiguration = true.`,
            );
        }
        const option = configuration.resultConfiguration?.encryptionConfiguration?.encryptionOption;
        if (!ENCRYPTED.includes(option)) {
            reportViolation(
                `Workgroup ${name} does not encrypt query results (encryptionOption ${option ?? "unset"}). Fix: set configuration.resultConfiguration.encryptionConfiguration.encryptionOption to SSE_S3 or SSE_KMS.`,
            );
        }
        const cutoff = configuration.bytesScannedCutoffPerQuery;
        if (cutoff === undefined) {
            reportViolation(
                `Workgroup ${name} has no bytesScannedCutoffPerQuery: one query can scan the whole archive. Fix: set one between ${minScanCutoffMb} and ${maxScanCutoffMb} MiB.`,
            );
        } else if (cutoff < minScanCutoffMb * MIB || cutoff > maxScanCutoffMb * MIB) {
            reportViolation(
                `Workgroup ${name} cuts queries off at ${Math.round(cutoff / MIB)} MiB; allowed ${minScanCutoffMb}-${maxScanCutoffMb} MiB. Fix: set configuration.bytesScannedCutoffPerQuery within the bounds, or change them in the pack's config.`,
            );
        }
    }),
};
