// Whether a resource policy refuses every request without TLS: asked as requests, not read as
// shapes, so a Deny narrowed to one action, one principal or one prefix does not count.
import { Statement } from "./iam";
import { anyPrincipalOf, certainlyDenied, Probe } from "./evaluate";

/** Callers a TLS-only Deny must refuse: anonymous, IAM principals of this and of another account, a service. */
const CALLERS: { label: string; principal: Probe["principal"] }[] = [
    { label: "an anonymous caller", principal: "*" },
    { label: "a principal of this account", principal: anyPrincipalOf("111111111111") },
    { label: "a principal of another account", principal: anyPrincipalOf("000000000000") },
    { label: "a service", principal: { Service: "zz-probe.amazonaws.com" } },
];

export interface TlsTarget {
    /** What the request is about, for the message ("objects", "the bucket"). */
    label: string;
    /** The resource ARN, or undefined when not known yet (then only actions and callers are asked). */
    resource?: string;
    actions: string[];
}

/** The first plain-HTTP request (action, target, caller) no Deny refuses for certain; undefined if all are refused. */
export function firstPlainHttpGap(document: Statement[], targets: TlsTarget[]): string | undefined {
    for (const target of targets) {
        for (const action of target.actions) {
            for (const caller of CALLERS) {
                const probe: Probe = {
                    principal: caller.principal,
                    action,
                    resource: target.resource,
                    context: { "aws:SecureTransport": "false" },
                };
                if (!certainlyDenied(document, probe)) {
                    return `${action} on ${target.label} by ${caller.label}`;
                }
            }
        }
    }
    return undefined;
}

/** S3 actions a bucket policy governs, on the bucket and on its objects (a sample of every kind: read, write, delete, configure). */
export const S3_BUCKET_ACTIONS = [
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:ListBucketMultipartUploads",
    "s3:GetBucketLocation",
    "s3:GetBucketPolicy",
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:GetLifecycleConfiguration",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:PutEncryptionConfiguration",
    "s3:PutBucketAcl",
    "s3:DeleteBucket",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketNotification",
];
export const S3_OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
    "s3:GetObjectAcl",
    "s3:PutObjectAcl",
    "s3:GetObjectTagging",
    "s3:PutObjectTagging",
    "s3:RestoreObject",
    "s3:GetObjectAttributes",
];
