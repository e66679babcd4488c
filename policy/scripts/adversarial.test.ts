// The adversarial set: unsafe edits a future pull request could make, applied to real preview
// documents of this program (test-fixtures/previews, written by scripts/policy-fixtures from the
// offline preview and the real engine), each of which a named policy must reject with a message
// that names the resource; and safe variants that must pass. Runs through the pack's own
// analyzer server, one pack for the whole set, like one engine run.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { openPack, Violation } from "./check-preview";

const PREVIEWS = path.join(__dirname, "..", "..", "test-fixtures", "previews");
const load = (name: string): any => JSON.parse(fs.readFileSync(path.join(PREVIEWS, `${name}.json`), "utf8"));

/** The new state of the one resource of this type (and logical name, when given). */
function state(doc: any, type: string, name?: string): any {
    const found = doc.steps
        .map((s: any) => s.newState)
        .filter((s: any) => s?.type === type && (name === undefined || s.urn.endsWith("::" + name)));
    assert.equal(found.length, 1, `${type} ${name ?? ""}: ${found.length} matches`);
    return found[0];
}
const inputs = (doc: any, type: string, name?: string): any => state(doc, type, name).inputs;
function remove(doc: any, type: string, name?: string): void {
    const target = state(doc, type, name);
    doc.steps = doc.steps.filter((s: any) => s.newState !== target);
}
/** Adds a resource, as a pull request adding it to the program would (same provider as the stack's other resources). */
function add(doc: any, type: string, name: string, inputs: any): void {
    const stack = doc.steps.find((s: any) => s.newState?.type === "pulumi:pulumi:Stack").newState;
    const provider = doc.steps.find((s: any) => s.newState?.custom && s.newState.type.startsWith("aws:")).newState.provider;
    const urn = `${stack.urn.split("::").slice(0, 2).join("::")}::${type}::${name}`;
    doc.steps.push({
        op: "create",
        urn,
        provider,
        newState: { type, urn, custom: true, inputs, parent: stack.urn, provider, dependencies: [], propertyDependencies: {} },
    });
}
/** Edits a JSON policy document held as a string input. */
function editPolicy(holder: any, change: (policy: any) => void, key = "policy"): void {
    const policy = JSON.parse(holder[key]);
    change(policy);
    holder[key] = JSON.stringify(policy);
}

const BUCKET = "aws:s3/bucketV2:BucketV2";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const KEY = "aws:kms/key:Key";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const TABLE = "aws:glue/catalogTable:CatalogTable";
const WORKGROUP = "aws:athena/workgroup:Workgroup";
const DESTINATION = "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination";
const LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

interface Mutation {
    name: string;
    document: string;
    policy: string;
    /** Text the violation message must contain: the resource it names. */
    names: string;
    mutate(doc: any): void;
}

const mutations: Mutation[] = [
    // S3
    {
        name: "public access block lets public policies through",
        document: "dev",
        policy: "s3-bucket-private",
        names: "log-bucket",
        mutate: d => {
            inputs(d, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").blockPublicPolicy = false;
        },
    },
    {
        name: "ACLs re-enabled (ObjectWriter)",
        document: "dev",
        policy: "s3-bucket-private",
        names: "log-bucket",
        mutate: d => {
            inputs(d, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule.objectOwnership = "ObjectWriter";
        },
    },
    {
        name: "public-read ACL on the bucket",
        document: "logarchive",
        policy: "s3-bucket-private",
        names: "log-bucket",
        mutate: d => {
            inputs(d, BUCKET).acl = "public-read";
        },
    },
    {
        name: "default encryption removed",
        document: "dev",
        policy: "s3-bucket-encrypted",
        names: "log-bucket",
        mutate: d => remove(d, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
    },
    {
        name: "TLS-only statement removed from the bucket policy",
        document: "dev",
        policy: "s3-bucket-tls-only",
        names: "log-bucket",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                p.Statement = p.Statement.filter((s: any) => s.Sid !== "DenyInsecureTransport");
            }),
    },
    {
        name: "logs kept ten years",
        document: "logarchive",
        policy: "s3-bucket-lifecycle",
        names: "log-bucket",
        mutate: d => {
            inputs(d, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").rules[0].expiration.days = 3650;
        },
    },
    {
        name: "incomplete multipart uploads kept forever",
        document: "dev",
        policy: "s3-bucket-lifecycle",
        names: "log-bucket",
        mutate: d => {
            const l = inputs(d, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");
            l.rules = l.rules.filter((r: any) => !r.abortIncompleteMultipartUpload);
        },
    },
    {
        name: "bucket policy lets anyone read the logs",
        document: "dev",
        policy: "resource-policy-principals-narrowed",
        names: "log-bucket-policy",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p =>
                p.Statement.push({
                    Sid: "PublicRead",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::ses-logs-111111111111-eu-west-1/*",
                }),
            ),
    },
    {
        name: "bucket policy lets {AWS: *} list the bucket",
        document: "logarchive",
        policy: "resource-policy-principals-narrowed",
        names: "log-bucket-policy",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p =>
                p.Statement.push({
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "s3:ListBucket",
                    Resource: "arn:aws:s3:::ses-logs-333333333333-ap-northeast-1",
                }),
            ),
    },
    {
        name: "archive grants whole member accounts, not their stream roles",
        document: "logarchive",
        policy: "resource-policy-principals-narrowed",
        names: "MembersWriteTheirOwnFolders",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                delete p.Statement.find((s: any) => s.Sid === "MembersWriteTheirOwnFolders").Condition.ArnLike;
            }),
    },
    {
        name: "archive grants an account outside memberAccounts",
        document: "logarchive",
        policy: "resource-policy-principals-narrowed",
        names: "999999999999",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p =>
                p.Statement.push({
                    Sid: "Stranger",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::999999999999:root" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::ses-logs-333333333333-ap-northeast-1/*",
                }),
            ),
    },
    {
        name: "bucket policy allows with NotPrincipal",
        document: "dev",
        policy: "resource-policy-principals-narrowed",
        names: "NotPrincipal",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p =>
                p.Statement.push({
                    Effect: "Allow",
                    NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::ses-logs-111111111111-eu-west-1/*",
                }),
            ),
    },
    {
        name: "log bucket no longer protected",
        document: "dev",
        policy: "data-bearing-resources-protected",
        names: "log-bucket",
        mutate: d => {
            state(d, BUCKET).protect = false;
        },
    },
    {
        name: "log objects moved to Glacier Flexible Retrieval",
        document: "hardened",
        policy: "s3-bucket-storage-class-readable",
        names: "GLACIER",
        mutate: d => {
            for (const r of inputs(d, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").rules) {
                for (const t of r.transitions ?? []) {
                    t.storageClass = "GLACIER";
                }
            }
        },
    },
    {
        name: "log objects moved to Glacier IR too close to expiry",
        document: "hardened",
        policy: "s3-bucket-storage-class-readable",
        names: "bills at least 90 days",
        mutate: d => {
            for (const r of inputs(d, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").rules) {
                for (const t of r.transitions ?? []) {
                    t.days = 500;
                }
            }
        },
    },
    // SNS
    {
        name: "feedback topic: anyone may publish",
        document: "dev",
        policy: "resource-policy-principals-narrowed",
        names: "feedback-topic-policy",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "feedback-topic-policy"), p =>
                p.Statement.push({ Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*" }),
            ),
    },
    {
        name: "feedback topic: SES of any account may publish",
        document: "prod",
        policy: "resource-policy-principals-narrowed",
        names: "ses.amazonaws.com",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "feedback-topic-policy"), p => {
                delete p.Statement[0].Condition;
            }),
    },
    {
        name: "alerts topic: EventBridge condition widened to '*'",
        document: "logarchive",
        policy: "resource-policy-principals-narrowed",
        names: "EventRulesOfThisStack",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "alerts-topic-policy"), p => {
                p.Statement[1].Condition = { StringLike: { "aws:SourceArn": "*" } };
            }),
    },
    {
        name: "feedback topic made FIFO",
        document: "dev",
        policy: "sns-topic-usable-by-ses",
        names: "",
        mutate: d => {
            const t = inputs(d, TOPIC, "feedback-topic");
            t.fifoTopic = true;
        },
    },
    {
        name: "feedback topic encrypted with alias/aws/sns",
        document: "prod",
        policy: "sns-topic-usable-by-ses",
        names: "",
        mutate: d => {
            inputs(d, TOPIC, "feedback-topic").kmsMasterKeyId = "alias/aws/sns";
        },
    },
    // KMS
    {
        name: "key policy lets {AWS: *} decrypt",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "key policy",
        mutate: d =>
            editPolicy(inputs(d, KEY), p =>
                p.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }),
            ),
    },
    {
        // SES's documented statement has no condition: any wider use than data keys is not it.
        name: "key policy: SES may encrypt and decrypt anything with the key, not only data keys",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "PublishEncryptedMessagesSES",
        mutate: d =>
            editPolicy(inputs(d, KEY), p => {
                p.Statement.find((s: any) => s.Sid === "PublishEncryptedMessagesSES").Action = [
                    "kms:Decrypt",
                    "kms:GenerateDataKey*",
                    "kms:Encrypt",
                ];
            }),
    },
    {
        name: "key policy: EventBridge through SNS for any topic (encryption context widened)",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "PublishEncryptedMessagesEVENTS",
        mutate: d =>
            editPolicy(inputs(d, KEY), p => {
                const eventBridge = p.Statement.find((s: any) => s.Sid === "PublishEncryptedMessagesEVENTS");
                eventBridge.Condition.StringEquals["kms:EncryptionContext:aws:sns:topicArn"] = "arn:aws:sns:*:*:*";
            }),
    },
    {
        name: "key policy: EventBridge through SNS for another account's topic",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "PublishEncryptedMessagesEVENTS",
        mutate: d =>
            editPolicy(inputs(d, KEY), p => {
                const eventBridge = p.Statement.find((s: any) => s.Sid === "PublishEncryptedMessagesEVENTS");
                eventBridge.Condition.StringEquals["kms:EncryptionContext:aws:sns:topicArn"] = [
                    "arn:aws:sns:eu-west-1:999999999999:their-topic",
                ];
            }),
    },
    {
        name: "key policy: EventBridge without the via-service condition (directly, for any account)",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "PublishEncryptedMessagesEVENTS",
        mutate: d =>
            editPolicy(inputs(d, KEY), p => {
                delete p.Statement.find((s: any) => s.Sid === "PublishEncryptedMessagesEVENTS").Condition.StringEquals["kms:ViaService"];
            }),
    },
    {
        name: "key policy: NotAction in an Allow",
        document: "hardened",
        policy: "resource-policy-principals-narrowed",
        names: "NotAction",
        mutate: d =>
            editPolicy(inputs(d, KEY), p =>
                p.Statement.push({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111111111111:root" },
                    NotAction: "kms:ScheduleKeyDeletion",
                    Resource: "*",
                }),
            ),
    },
    {
        name: "customer managed key no longer protected",
        document: "hardened",
        policy: "data-bearing-resources-protected",
        names: "aws:kms/key:Key",
        mutate: d => {
            state(d, KEY).protect = false;
        },
    },
    // Firehose
    {
        name: "dynamic partitioning off, prefix still partitioned",
        document: "dev",
        policy: "firehose-partition-keys-produced",
        names: "event-stream",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.dynamicPartitioningConfiguration.enabled = false;
        },
    },
    {
        name: "metadata extraction turned off",
        document: "prod",
        policy: "firehose-partition-keys-produced",
        names: "event-stream",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.processingConfiguration.enabled = false;
        },
    },
    {
        name: "query produces another key than the prefix uses",
        document: "dev",
        policy: "firehose-partition-keys-produced",
        names: "event-stream",
        mutate: d => {
            const q = inputs(d, STREAM).extendedS3Configuration.processingConfiguration.processors[0].parameters[0];
            q.parameterValue = q.parameterValue.replace("{EventType:", "{Type:");
        },
    },
    {
        name: "dynamic partitioning on, prefix without keys",
        document: "dev",
        policy: "firehose-partition-keys-produced",
        names: "event-stream",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.prefix = "logs/";
        },
    },
    {
        name: "uncompressed delivery",
        document: "dev",
        policy: "firehose-partitioned-stream-rules",
        names: "",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.compressionFormat = "UNCOMPRESSED";
        },
    },
    {
        name: "Parquet conversion with S3 compression on top (Firehose refuses both)",
        document: "hardened",
        policy: "firehose-partitioned-stream-rules",
        names: "event-stream",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.compressionFormat = "GZIP";
        },
    },
    {
        name: "Parquet written uncompressed",
        document: "hardened",
        policy: "firehose-partitioned-stream-rules",
        names: "event-stream",
        mutate: d => {
            inputs(
                d,
                STREAM,
            ).extendedS3Configuration.dataFormatConversionConfiguration.outputFormatConfiguration.serializer.parquetSerDe.compression =
                "UNCOMPRESSED";
        },
    },
    {
        name: "Parquet conversion with two serializers",
        document: "hardened",
        policy: "firehose-partitioned-stream-rules",
        names: "event-stream",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.dataFormatConversionConfiguration.outputFormatConfiguration.serializer.orcSerDe = {};
        },
    },
    {
        name: "Parquet conversion without a role to read the table's schema",
        document: "hardened",
        policy: "firehose-partitioned-stream-rules",
        names: "event-stream",
        mutate: d => {
            delete inputs(d, STREAM).extendedS3Configuration.dataFormatConversionConfiguration.schemaConfiguration.roleArn;
        },
    },
    {
        name: "buffer below dynamic partitioning's minimum",
        document: "prod",
        policy: "firehose-partitioned-stream-rules",
        names: "",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.bufferingSize = 5;
        },
    },
    {
        name: "week-based year in the error prefix",
        document: "dev",
        policy: "firehose-partitioned-stream-rules",
        names: "",
        mutate: d => {
            const s3 = inputs(d, STREAM).extendedS3Configuration;
            s3.errorOutputPrefix = s3.errorOutputPrefix.replace("yyyy", "YYYY");
        },
    },
    {
        name: "delivery errors not logged",
        document: "dev",
        policy: "firehose-partitioned-stream-rules",
        names: "",
        mutate: d => {
            inputs(d, STREAM).extendedS3Configuration.cloudwatchLoggingOptions.enabled = false;
        },
    },
    // IAM
    {
        name: "stream role may do s3:* ",
        document: "dev",
        policy: "iam-no-wildcard-permissions",
        names: "",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "firehose-to-s3-policy"), p => {
                p.Statement[0].Action = "s3:*";
            }),
    },
    {
        name: "SES role may write to any stream",
        document: "prod",
        policy: "iam-no-wildcard-permissions",
        names: "",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "ses-to-firehose-policy"), p => {
                p.Statement[0].Resource = "*";
            }),
    },
    {
        name: "Firehose trust without a source condition",
        document: "dev",
        policy: "iam-trust-scoped-to-source",
        names: "",
        mutate: d =>
            editPolicy(
                inputs(d, ROLE, "firehose-to-s3-role"),
                p => {
                    delete p.Statement[0].Condition;
                },
                "assumeRolePolicy",
            ),
    },
    {
        name: "a role anyone may assume",
        document: "dev",
        policy: "iam-trust-scoped-to-source",
        names: "",
        mutate: d =>
            editPolicy(
                inputs(d, ROLE, "firehose-to-s3-role"),
                p => {
                    p.Statement[0].Principal = { AWS: "*" };
                },
                "assumeRolePolicy",
            ),
    },
    // Glue
    {
        name: "table without partition projection",
        document: "dev",
        policy: "glue-table-partition-projection",
        names: "seslogs",
        mutate: d => {
            const p = inputs(d, TABLE).parameters;
            for (const k of Object.keys(p)) {
                if (k.startsWith("projection.")) {
                    delete p[k];
                }
            }
        },
    },
    {
        name: "projection without a location template",
        document: "logarchive",
        policy: "glue-projection-complete",
        names: "",
        mutate: d => {
            delete inputs(d, TABLE).parameters["storage.location.template"];
        },
    },
    // Athena
    {
        name: "workgroup settings not enforced",
        document: "dev",
        policy: "athena-workgroup-enforced",
        names: "ses-logs-eu-west-1",
        mutate: d => {
            inputs(d, WORKGROUP).configuration.enforceWorkgroupConfiguration = false;
        },
    },
    {
        name: "no scan cutoff",
        document: "logarchive",
        policy: "athena-workgroup-enforced",
        names: "ses-logs-ap-northeast-1",
        mutate: d => {
            delete inputs(d, WORKGROUP).configuration.bytesScannedCutoffPerQuery;
        },
    },
    {
        name: "query results unencrypted",
        document: "hardened",
        policy: "athena-workgroup-enforced",
        names: "ses-logs-eu-west-1",
        mutate: d => {
            delete inputs(d, WORKGROUP).configuration.resultConfiguration.encryptionConfiguration;
        },
    },
    {
        name: "scan cutoff of a terabyte",
        document: "dev",
        policy: "athena-workgroup-enforced",
        names: "ses-logs-eu-west-1",
        mutate: d => {
            inputs(d, WORKGROUP).configuration.bytesScannedCutoffPerQuery = 1024 ** 4;
        },
    },
    // SES
    {
        name: "configuration set sends without TLS",
        document: "dev",
        policy: "ses-configuration-set-requires-tls",
        names: "",
        mutate: d => {
            inputs(d, "aws:sesv2/configurationSet:ConfigurationSet").deliveryOptions.tlsPolicy = "OPTIONAL";
        },
    },
    {
        name: "event destination drops bounces and complaints",
        document: "prod",
        policy: "ses-configuration-set-logs-events",
        names: "",
        mutate: d => {
            for (const s of d.steps) {
                if (s.newState?.type === "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination") {
                    const e = s.newState.inputs.eventDestination;
                    e.matchingEventTypes = e.matchingEventTypes.filter((t: string) => t !== "BOUNCE" && t !== "COMPLAINT");
                }
            }
        },
    },
    {
        name: "identity without its complaint topic",
        document: "dev",
        policy: "ses-identity-fully-wired",
        names: "noreply@dev.example.com",
        mutate: d =>
            remove(d, "aws:ses/identityNotificationTopic:IdentityNotificationTopic", "identity-noreply-dev-example-com-complaint-topic"),
    },
    {
        name: "identity without a default configuration set",
        document: "prod",
        policy: "ses-identity-fully-wired",
        names: "mail.example.com",
        mutate: d => {
            delete inputs(d, "aws:sesv2/emailIdentity:EmailIdentity", "identity-mail-example-com").configurationSetName;
        },
    },
    // CloudWatch Logs
    {
        name: "log group retention CloudWatch refuses",
        document: "dev",
        policy: "cloudwatch-log-group-retention",
        names: "",
        mutate: d => {
            inputs(d, "aws:cloudwatch/logGroup:LogGroup").retentionInDays = 35;
        },
    },
    // Issue 18: policy documents judged by effect
    {
        name: "TLS-only deny narrowed to one action",
        document: "dev",
        policy: "s3-bucket-tls-only",
        names: "log-bucket",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport").Action = "s3:GetObject";
            }),
    },
    {
        name: "TLS-only deny narrowed to one principal",
        document: "logarchive",
        policy: "s3-bucket-tls-only",
        names: "log-bucket",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport").Principal = { AWS: "arn:aws:iam::333333333333:root" };
            }),
    },
    {
        name: "TLS-only deny narrowed to the data folder",
        document: "hardened",
        policy: "s3-bucket-tls-only",
        names: "log-bucket",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport").Resource =
                    "arn:aws:s3:::ses-logs-111111111111-eu-west-1/partitioned/*";
            }),
    },
    {
        name: "topic TLS-only deny narrowed to one principal",
        document: "prod",
        policy: "sns-topic-tls-only",
        names: "feedback-topic-policy",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "feedback-topic-policy"), p => {
                p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport").Principal = { AWS: "arn:aws:iam::222222222222:root" };
            }),
    },
    {
        name: "stream role reads and writes objects of every bucket (arn:aws:s3:::*/*)",
        document: "dev",
        policy: "iam-no-wildcard-permissions",
        names: "firehose-to-s3-policy",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "firehose-to-s3-policy"), p => {
                p.Statement[0].Resource = "arn:aws:s3:::*/*";
            }),
    },
    {
        name: "SES role may publish to every topic (arn:aws:sns:*:*:*)",
        document: "prod",
        policy: "iam-no-wildcard-permissions",
        names: "arn:aws:sns:*:*:*",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "ses-to-firehose-policy"), p =>
                p.Statement.push({ Sid: "Notify", Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:*:*:*" }),
            ),
    },
    {
        name: "stream role may write to every log group under /aws/firehose/",
        document: "hardened",
        policy: "iam-no-wildcard-permissions",
        names: "LogDeliveryErrors",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "firehose-to-s3-policy"), p => {
                p.Statement.find((s: any) => s.Sid === "LogDeliveryErrors").Resource =
                    "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/firehose/*";
            }),
    },
    {
        name: "a role that trusts another account's root",
        document: "dev",
        policy: "iam-trust-scoped-to-source",
        names: "999999999999",
        mutate: d =>
            editPolicy(
                inputs(d, ROLE, "firehose-to-s3-role"),
                p =>
                    p.Statement.push({
                        Sid: "Partner",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::999999999999:root" },
                        Action: "sts:AssumeRole",
                    }),
                "assumeRolePolicy",
            ),
    },
    {
        name: "SES trust whose aws:SourceArn has a wildcard account",
        document: "prod",
        policy: "iam-trust-scoped-to-source",
        names: "ses-to-firehose-role",
        mutate: d =>
            editPolicy(
                inputs(d, ROLE, "ses-to-firehose-role"),
                p => {
                    p.Statement[0].Condition = {
                        ArnLike: { "aws:SourceArn": "arn:aws:ses:ap-northeast-1:*:configuration-set/ses-logs-222222222222-ap-northeast-1" },
                    };
                },
                "assumeRolePolicy",
            ),
    },
    {
        name: "feedback topic: SES of any account whose identity ARN matches a wildcard",
        document: "dev",
        policy: "resource-policy-principals-narrowed",
        names: "SesFeedbackOfThisAccount",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "feedback-topic-policy"), p => {
                p.Statement[0].Condition = { ArnLike: { "aws:SourceArn": "arn:aws:ses:eu-west-1:*:identity/*" } };
            }),
    },
    // Issue 18: SES destinations judged one by one; v1 resources
    {
        name: "BOUNCE dropped from the log destination only (EventBridge still has it)",
        document: "dev",
        policy: "ses-configuration-set-logs-events",
        names: "event-destination",
        mutate: d => {
            const e = inputs(d, DESTINATION, "event-destination").eventDestination;
            e.matchingEventTypes = e.matchingEventTypes.filter((t: string) => t !== "BOUNCE");
        },
    },
    {
        name: "log destination disabled",
        document: "prod",
        policy: "ses-configuration-set-logs-events",
        names: "event-destination",
        mutate: d => {
            inputs(d, DESTINATION, "event-destination").eventDestination.enabled = false;
        },
    },
    {
        name: "log destination writes to another account's stream",
        document: "hardened",
        policy: "ses-configuration-set-logs-events",
        names: "event-destination",
        mutate: d => {
            inputs(d, DESTINATION, "event-destination").eventDestination.kinesisFirehoseDestination.deliveryStreamArn =
                "arn:aws:firehose:eu-west-1:999999999999:deliverystream/collector";
        },
    },
    {
        name: "identity's default configuration set is not the stack's",
        document: "dev",
        policy: "ses-identity-fully-wired",
        names: "dev.example.com",
        mutate: d => {
            inputs(d, "aws:sesv2/emailIdentity:EmailIdentity", "identity-dev-example-com").configurationSetName = "someone-elses-set";
        },
    },
    {
        name: "a v1 domain identity (no default configuration set possible)",
        document: "prod",
        policy: "ses-identity-fully-wired",
        names: "legacy.example.com",
        mutate: d => add(d, "aws:ses/domainIdentity:DomainIdentity", "legacy-identity", { domain: "legacy.example.com" }),
    },
    {
        name: "a v1 e-mail identity",
        document: "dev",
        policy: "ses-identity-fully-wired",
        names: "old@dev.example.com",
        mutate: d => add(d, "aws:ses/emailIdentity:EmailIdentity", "legacy-email", { email: "old@dev.example.com" }),
    },
    {
        name: "a v1 configuration set whose only destination is SNS",
        document: "dev",
        policy: "ses-configuration-set-logs-events",
        names: "legacy-set",
        mutate: d => {
            add(d, "aws:ses/configurationSet:ConfigurationSet", "legacy-set", {
                name: "legacy-set",
                deliveryOptions: { tlsPolicy: "Require" },
            });
            add(d, "aws:ses/eventDestination:EventDestination", "legacy-destination", {
                name: "to-sns",
                configurationSetName: "legacy-set",
                enabled: true,
                matchingTypes: ["send", "delivery", "bounce", "complaint", "reject", "renderingFailure", "deliveryDelay"],
                snsDestination: { topicArn: "arn:aws:sns:eu-west-1:111111111111:ses-logs-feedback" },
            });
        },
    },
    {
        name: "a v1 configuration set without TLS",
        document: "dev",
        policy: "ses-configuration-set-requires-tls",
        names: "legacy-set",
        mutate: d =>
            add(d, "aws:ses/configurationSet:ConfigurationSet", "legacy-set", {
                name: "legacy-set",
                deliveryOptions: { tlsPolicy: "Optional" },
            }),
    },
    {
        name: "a v1 Firehose destination missing REJECT",
        document: "hardened",
        policy: "ses-configuration-set-logs-events",
        names: "legacy-destination",
        mutate: d => {
            add(d, "aws:ses/configurationSet:ConfigurationSet", "legacy-set", {
                name: "legacy-set",
                deliveryOptions: { tlsPolicy: "Require" },
            });
            add(d, "aws:ses/eventDestination:EventDestination", "legacy-destination", {
                name: "to-stream",
                configurationSetName: "legacy-set",
                enabled: true,
                matchingTypes: ["send", "delivery", "bounce", "complaint", "renderingFailure", "deliveryDelay"],
                kinesisDestination: {
                    streamArn: "arn:aws:firehose:eu-west-1:111111111111:deliverystream/ses-logs-111111111111-eu-west-1",
                    roleArn: "arn:aws:iam::111111111111:role/ses-logs-ses-to-firehose-eu-west-1",
                },
            });
        },
    },
    // Issue 18: retention and lifecycle judged by what expires
    {
        name: "Firehose error log group kept one day",
        document: "dev",
        policy: "cloudwatch-firehose-log-group-retention",
        names: "delivery-log-group",
        mutate: d => {
            inputs(d, "aws:cloudwatch/logGroup:LogGroup").retentionInDays = 1;
        },
    },
    {
        name: "Firehose error log group kept ten years",
        document: "engine-dev",
        policy: "cloudwatch-firehose-log-group-retention",
        names: "delivery-log-group",
        mutate: d => {
            inputs(d, "aws:cloudwatch/logGroup:LogGroup").retentionInDays = 3653;
        },
    },
    {
        name: "expiry rule filtered on a tag Firehose never sets",
        document: "dev",
        policy: "s3-bucket-lifecycle",
        names: "log-bucket",
        mutate: d => {
            const r = inputs(d, LIFECYCLE).rules.find((r: any) => r.expiration?.days);
            r.filter = { tag: { key: "expire", value: "yes" } };
        },
    },
    {
        name: "expiry rule moved to the data folder: error objects kept forever",
        document: "logarchive",
        policy: "s3-bucket-lifecycle",
        names: "errorLog/",
        mutate: d => {
            inputs(d, LIFECYCLE).rules.find((r: any) => r.expiration?.days && r.filter.prefix === "").filter.prefix = "partitioned/";
        },
    },
    {
        name: "expiry rule filtered on object size",
        document: "hardened",
        policy: "s3-bucket-lifecycle",
        names: "log-bucket",
        mutate: d => {
            const r = inputs(d, LIFECYCLE).rules.find((r: any) => r.expiration?.days);
            r.filter = { objectSizeGreaterThan: 1048576 };
        },
    },
    {
        name: "versioning on, noncurrent versions never expire",
        document: "hardened",
        policy: "s3-bucket-lifecycle",
        names: "noncurrent",
        mutate: d => {
            const l = inputs(d, LIFECYCLE);
            l.rules = l.rules.filter((r: any) => !r.noncurrentVersionExpiration);
        },
    },
    {
        name: "versioning turned on without noncurrent expiry",
        document: "dev",
        policy: "s3-bucket-lifecycle",
        names: "log-bucket",
        mutate: d =>
            add(d, "aws:s3/bucketVersioningV2:BucketVersioningV2", "log-bucket-versioning", {
                bucket: "ses-logs-111111111111-eu-west-1",
                versioningConfiguration: { status: "Enabled" },
            }),
    },
    // Issue 18: the cost tag is the stack's
    {
        name: "cost tag removed from the stream",
        document: "dev",
        policy: "cost-tag-on-taggable-resources",
        names: "event-stream",
        mutate: d => {
            delete inputs(d, STREAM).tags;
        },
    },
    {
        name: "cost tag set to another budget",
        document: "prod",
        policy: "cost-tag-on-taggable-resources",
        names: "feedback-topic",
        mutate: d => {
            inputs(d, TOPIC, "feedback-topic").tags = { Cost: "Marketing" };
        },
    },
    {
        name: "cost tag of another stage on the log bucket",
        document: "engine-dev",
        policy: "cost-tag-on-taggable-resources",
        names: "log-bucket",
        mutate: d => {
            inputs(d, BUCKET).tags = { Cost: "SES" };
        },
    },
];

/** Edits that keep the stacks safe: each must pass with no mandatory violation (no false alarms). */
const safeVariants: { name: string; document: string; mutate(doc: any): void }[] = [
    {
        name: "TLS-only deny split into a bucket and an object statement",
        document: "dev",
        mutate: d =>
            editPolicy(inputs(d, BUCKET_POLICY), p => {
                const deny = p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport");
                p.Statement.push({ ...deny, Sid: "DenyInsecureTransportObjects", Resource: deny.Resource[1] });
                deny.Resource = deny.Resource[0];
            }),
    },
    {
        name: "topic TLS-only deny of sns:* from {AWS: *}",
        document: "prod",
        mutate: d =>
            editPolicy(inputs(d, TOPIC_POLICY, "feedback-topic-policy"), p => {
                const s = p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport");
                s.Action = "sns:*";
                s.Principal = { AWS: "*" };
            }),
    },
    {
        name: "log statement narrowed to any stream of the stack's log group",
        document: "dev",
        mutate: d =>
            editPolicy(inputs(d, ROLE_POLICY, "firehose-to-s3-policy"), p => {
                const s = p.Statement.find((s: any) => s.Sid === "LogDeliveryErrors");
                s.Resource = s.Resource.replace(/S3Delivery$/, "*");
            }),
    },
    {
        name: "a role trusting its own account's root",
        document: "hardened",
        mutate: d =>
            editPolicy(
                inputs(d, ROLE, "firehose-to-s3-role"),
                p => p.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" }),
                "assumeRolePolicy",
            ),
    },
    {
        name: "expiry split per Firehose folder, plus a tag-filtered rule",
        document: "dev",
        mutate: d => {
            const l = inputs(d, LIFECYCLE);
            const expire = l.rules.find((r: any) => r.expiration?.days);
            expire.filter = { prefix: "partitioned/" };
            l.rules.push({ ...expire, id: "expire-errors", filter: { prefix: "errorLog/" } });
            l.rules.push({
                id: "expire-tagged-early",
                status: "Enabled",
                filter: { tag: { key: "scratch", value: "yes" } },
                expiration: { days: 1 },
            });
        },
    },
    {
        name: "an SNS destination without event types beside the log destination",
        document: "dev",
        mutate: d =>
            add(d, DESTINATION, "extra-sns-destination", {
                configurationSetName: "ses-logs-111111111111-eu-west-1",
                eventDestinationName: "to-sns",
                eventDestination: {
                    enabled: false,
                    matchingEventTypes: ["OPEN"],
                    snsDestination: { topicArn: "arn:aws:sns:eu-west-1:111111111111:ses-logs-feedback" },
                },
            }),
    },
    {
        name: "a v1 configuration set logging everything to the stack's stream",
        document: "hardened",
        mutate: d => {
            add(d, "aws:ses/configurationSet:ConfigurationSet", "legacy-set", {
                name: "legacy-set",
                deliveryOptions: { tlsPolicy: "Require" },
            });
            add(d, "aws:ses/eventDestination:EventDestination", "legacy-destination", {
                name: "to-stream",
                configurationSetName: "legacy-set",
                enabled: true,
                matchingTypes: ["send", "delivery", "bounce", "complaint", "reject", "renderingFailure", "deliveryDelay"],
                kinesisDestination: {
                    streamArn: "arn:aws:firehose:eu-west-1:111111111111:deliverystream/ses-logs-111111111111-eu-west-1",
                    roleArn: "arn:aws:iam::111111111111:role/ses-logs-ses-to-firehose-eu-west-1",
                },
            });
        },
    },
    {
        name: "error log group at 545 days, the accepted period above 540",
        document: "hardened",
        mutate: d => {
            inputs(d, "aws:cloudwatch/logGroup:LogGroup").retentionInDays = 545;
        },
    },
];

let pack: Awaited<ReturnType<typeof openPack>>;
before(async () => {
    pack = await openPack();
});
after(() => pack.close());

const mandatory = (violations: Violation[]) => violations.filter(v => v.enforcementLevel === "mandatory");

test("the set is large and covers every service the stacks use", () => {
    assert.ok(mutations.length >= 30, `${mutations.length} mutations`);
    assert.equal(new Set(mutations.map(m => m.name)).size, mutations.length, "distinct");
    const policies = new Set(mutations.map(m => m.policy));
    for (const policy of [
        "resource-policy-principals-narrowed",
        "firehose-partition-keys-produced",
        "glue-table-partition-projection",
        "athena-workgroup-enforced",
    ]) {
        assert.ok(policies.has(policy), policy);
    }
});

for (const document of ["dev", "logarchive", "prod", "hardened", "engine-dev"]) {
    test(`safe: the ${document} preview passes with no mandatory violation`, async () => {
        const violations = await pack.check(load(document));
        assert.deepEqual(mandatory(violations), []);
        assert.deepEqual(
            violations.filter(v => !/ Fix: ./.test(v.message)).map(v => v.message),
            [],
            "advisories say how to fix them too",
        );
    });
}

test("safe: the real engine's first preview (unknown ids and ARNs) is checked per resource, not skipped", async () => {
    const violations = await pack.check(load("engine-dev"));
    // Stack policies link resources by property dependencies, and the program builds its policy
    // documents from names, so no policy waits for `pulumi up`.
    const skipped = violations.filter(v => /can't run policy/.test(v.message)).map(v => v.policyName);
    assert.deepEqual(skipped, []);
    const strict = await openPack({ "s3-bucket-lifecycle": { maxRetentionDays: 30 } });
    try {
        assert.ok(
            mandatory(await strict.check(load("engine-dev"))).some(v => /expires objects after 35 days; allowed 35-30/.test(v.message)),
        );
    } finally {
        strict.close();
    }
});

for (const variant of safeVariants) {
    test(`safe (${variant.document}): ${variant.name}`, async () => {
        const doc = load(variant.document);
        variant.mutate(doc);
        assert.deepEqual(
            mandatory(await pack.check(doc)).map(v => `${v.policyName}: ${v.message}`),
            [],
        );
    });
}

for (const mutation of mutations) {
    test(`unsafe (${mutation.document}): ${mutation.name} -> ${mutation.policy}`, async () => {
        const doc = load(mutation.document);
        assert.deepEqual(
            mandatory(await pack.check(doc)).map(v => v.policyName),
            [],
            "the document is safe before the edit",
        );
        mutation.mutate(doc);
        const found = mandatory(await pack.check(doc)).filter(v => v.policyName === mutation.policy);
        assert.ok(found.length > 0, `no ${mutation.policy} violation`);
        assert.ok(
            found.some(v => v.message.includes(mutation.names) && v.urn !== ""),
            `the message names ${mutation.names}: ${found.map(v => v.message).join(" | ")}`,
        );
        assert.deepEqual(
            found.filter(v => !/ Fix: ./.test(v.message)).map(v => v.message),
            [],
            "every message says how to fix it",
        );
    });
}
