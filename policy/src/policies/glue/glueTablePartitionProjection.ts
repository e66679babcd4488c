import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** The table parameter that says how partitions are found when projection is off (a crawler, MSCK REPAIR, ...). */
export const PARTITIONS_MANAGED_BY = "partitions.managed-by";

/**
 * Firehose writes new day folders every day; a partitioned table without projection knows only the
 * partitions someone added, so Athena queries over new days find zero rows and no error.
 */
export const glueTablePartitionProjection: ResourceValidationPolicy = {
    name: "glue-table-partition-projection",
    description: `A Glue table over S3 with partition keys has partition projection on (projection.enabled = true), or says in the '${PARTITIONS_MANAGED_BY}' parameter what adds its partitions.`,
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.glueTable], (args, reportViolation) => {
        const keys: any[] = args.props.partitionKeys ?? [];
        const location: string = args.props.storageDescriptor?.location ?? "";
        if (keys.length === 0 || !location.startsWith("s3://")) {
            return;
        }
        const parameters = args.props.parameters ?? {};
        if (parameters["projection.enabled"] !== "true" && !parameters[PARTITIONS_MANAGED_BY]) {
            reportViolation(
                `Table ${args.props.name ?? args.name} is partitioned by ${keys.map(k => k.name).join(", ")} without partition projection: Athena finds no rows in folders nobody registered. Fix: set projection.enabled = true with a projection per key, or set '${PARTITIONS_MANAGED_BY}' to what registers the partitions.`,
            );
        }
    }),
};
