// A minimal stack shaped exactly like what the ses-logs program declares (see the Java tests),
// for policy tests to pass on and to break one property at a time.
import { PolicyResource } from "@pulumi/policy";
import { resource } from "./testing";
import { T } from "./types";

export const BUCKET = "ses-logs-123456789012-ap-northeast-1";
const ARN = `arn:aws:s3:::${BUCKET}`;
const TAGS = { Cost: "SES" };

export type Props = Record<string, any>;

export const good: Record<string, { type: string; props: Props; protect?: boolean }> = {
    bucket: { type: T.bucket, props: { bucket: BUCKET, forceDestroy: false, tags: TAGS }, protect: true },
    ownership: { type: T.bucketOwnershipControls, props: { bucket: BUCKET, rule: { objectOwnership: "BucketOwnerEnforced" } } },
    block: {
        type: T.bucketPublicAccessBlock,
        props: { bucket: BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    },
    encryption: {
        type: T.bucketEncryption,
        props: { bucket: BUCKET, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    },
    policy: {
        type: T.bucketPolicy,
        props: {
            bucket: BUCKET,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [ARN, `${ARN}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        },
    },
    lifecycle: {
        type: T.bucketLifecycle,
        props: {
            bucket: BUCKET,
            rules: [
                { id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: 400 } },
                { id: "abort", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
            ],
        },
    },
    stream: {
        type: T.firehose,
        props: {
            name: BUCKET,
            destination: "extended_s3",
            tags: TAGS,
            serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
            extendedS3Configuration: {
                bucketArn: ARN,
                bufferingSize: 128,
                bufferingInterval: 300,
                compressionFormat: "GZIP",
                prefix: "partitioned/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/",
                errorOutputPrefix: "errorLog/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/",
                dynamicPartitioningConfiguration: { enabled: true, retryDuration: 300 },
                processingConfiguration: {
                    enabled: true,
                    processors: [
                        {
                            type: "MetadataExtraction",
                            parameters: [
                                {
                                    parameterName: "MetadataExtractionQuery",
                                    parameterValue: '{EventType: (.eventType | split(" ") | join(""))}',
                                },
                                { parameterName: "JsonParsingEngine", parameterValue: "JQ-1.6" },
                            ],
                        },
                    ],
                },
                cloudwatchLoggingOptions: { enabled: true, logGroupName: `/aws/firehose/${BUCKET}`, logStreamName: "S3Delivery" },
            },
        },
    },
    sesRole: {
        type: T.role,
        props: {
            name: "ses-logs-ses-to-firehose-ap-northeast-1",
            tags: TAGS,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "ses.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: {
                            StringEquals: {
                                "aws:SourceAccount": "123456789012",
                                "aws:SourceArn": `arn:aws:ses:ap-northeast-1:123456789012:configuration-set/${BUCKET}`,
                            },
                        },
                    },
                ],
            }),
        },
    },
    sesRolePolicy: {
        type: T.rolePolicy,
        props: {
            role: "ses-logs-ses-to-firehose-ap-northeast-1",
            name: "put-ses-events",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "Put",
                        Effect: "Allow",
                        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                        Resource: `arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/${BUCKET}`,
                    },
                ],
            }),
        },
    },
    logGroup: { type: T.logGroup, props: { name: `/aws/firehose/${BUCKET}`, retentionInDays: 400, tags: TAGS } },
    configurationSet: {
        type: T.configurationSet,
        props: { configurationSetName: BUCKET, deliveryOptions: { tlsPolicy: "REQUIRE" }, tags: TAGS },
    },
    destination: {
        type: T.eventDestination,
        props: {
            configurationSetName: BUCKET,
            eventDestinationName: "to-event-stream",
            eventDestination: {
                enabled: true,
                matchingEventTypes: [
                    "SEND",
                    "DELIVERY",
                    "REJECT",
                    "BOUNCE",
                    "COMPLAINT",
                    "RENDERING_FAILURE",
                    "DELIVERY_DELAY",
                    "SUBSCRIPTION",
                ],
                kinesisFirehoseDestination: {
                    deliveryStreamArn: `arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/${BUCKET}`,
                    iamRoleArn: "arn:aws:iam::123456789012:role/ses-logs-ses-to-firehose-ap-northeast-1",
                },
            },
        },
    },
    identity: { type: T.emailIdentity, props: { emailIdentity: "example.com", configurationSetName: BUCKET, tags: TAGS } },
    bounceTopic: {
        type: T.notificationTopic,
        props: {
            identity: "example.com",
            notificationType: "Bounce",
            topicArn: "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback",
        },
    },
    complaintTopic: {
        type: T.notificationTopic,
        props: {
            identity: "example.com",
            notificationType: "Complaint",
            topicArn: "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback",
        },
    },
    topic: { type: T.topic, props: { name: "ses-logs-feedback", fifoTopic: false, tags: TAGS } },
    database: { type: T.glueDatabase, props: { name: "ses_logs_ap_northeast_1", tags: TAGS } },
    workgroup: {
        type: T.athenaWorkgroup,
        props: {
            name: "ses-logs-ap-northeast-1",
            configuration: {
                enforceWorkgroupConfiguration: true,
                bytesScannedCutoffPerQuery: 1024 * 1024 * 1024,
                resultConfiguration: {
                    outputLocation: `s3://${BUCKET}/athenaAdhocQueries/`,
                    encryptionConfiguration: { encryptionOption: "SSE_S3" },
                },
            },
        },
    },
    topicPolicy: {
        type: T.topicPolicy,
        props: {
            arn: "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "SesFeedbackOfThisAccount",
                        Effect: "Allow",
                        Principal: { Service: "ses.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback",
                        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: ["sns:Publish", "sns:Subscribe", "sns:Receive"],
                        Resource: "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback",
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        },
    },
    table: {
        type: T.glueTable,
        props: {
            name: "seslogs",
            databaseName: "ses_logs_ap_northeast_1",
            partitionKeys: [{ name: "event_type" }, { name: "day" }],
            storageDescriptor: { location: `s3://${BUCKET}/partitioned/` },
            parameters: {
                "projection.enabled": "true",
                "projection.event_type.type": "enum",
                "projection.day.type": "date",
                "storage.location.template": `s3://${BUCKET}/partitioned/\${event_type}/\${day}/`,
            },
        },
    },
};

/** One fixture resource, with `change` applied to a deep copy of its props. */
export function make(key: keyof typeof good, change: (props: Props) => void = () => {}): PolicyResource {
    const fixture = good[key];
    const props = JSON.parse(JSON.stringify(fixture.props));
    change(props);
    return resource(fixture.type, String(key), props, { protect: fixture.protect });
}

/** The whole good stack, with some resources replaced or removed. */
export function stack(replace: Partial<Record<keyof typeof good, PolicyResource | null>> = {}): PolicyResource[] {
    return (Object.keys(good) as (keyof typeof good)[])
        .map(key => (key in replace ? replace[key] : make(key)))
        .filter((r): r is PolicyResource => r !== null && r !== undefined);
}
