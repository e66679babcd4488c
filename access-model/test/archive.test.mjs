// The central archive and its members, with the policies the program registers (bucket and key
// policies of the archive, the delivery roles of the members), in both key modes:
//   logarchive + prod              S3-managed keys, member in the archive's region;
//   archive-cmk + member-near/far  the archive's own KMS key, members in the archive's region and
//                                  in another one.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadStack, role } from "../src/stacks.mjs";
import { ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, administrator, caller, kmsDirectly, kmsThroughS3, s3Request } from "../src/aws.mjs";

const OUTSIDER = "555555555555";

function archiveOf(name) {
    const archive = loadStack(name);
    const bucketArn = archive.exports.logBucketArn;
    return {
        stack: archive,
        bucketArn,
        policy: archive.bucketPolicies.get(archive.exports.logBucketName),
        object: (key) => `${bucketArn}/${key}`,
    };
}

/** What a member's stream does: as its delivery role, under its own folder, with the headers Firehose sends (none). */
function deliveryRole(member) {
    const writer = role(member, "ses-logs-firehose-to-s3-");
    assert.equal(member.stream.roleArn, writer.arn, "the stream delivers as this role");
    return caller(writer.arn, writer.policies);
}

const dataKey = (member, type = "Delivery") => `partitioned/${member.account}/${type}/2026/11/24/${member.stream.name}-1-2026-11-24-10-00-00-example.gz`;

// full-archive + full-member (../test-stacks): every option on, a member in another region.
// archive-1000(-cmk) (scripts/scale-stacks): 1,000 member accounts, the first, the 500th and the
// last of them as members (the middle one in another region).
for (const [archiveName, memberNames] of [
    ["logarchive", ["prod"]],
    ["archive-cmk", ["member-near", "member-far"]],
    ["full-archive", ["full-member"]],
    ["archive-1000", ["archive-1000-first", "archive-1000-middle", "archive-1000-last"]],
    ["archive-1000-cmk", ["archive-1000-cmk-first", "archive-1000-cmk-middle", "archive-1000-cmk-last"]],
]) {
    describe(`${archiveName}: what its members may do`, () => {
        const archive = archiveOf(archiveName);
        const members = memberNames.map(loadStack);
        const bucket = { bucketAccount: archive.stack.account, bucketPolicy: archive.policy };

        for (const member of members) {
            const writer = deliveryRole(member);
            // Another member of the archive: a sibling stack, or the other account the archive admits.
            const otherAccount = members.find((other) => other !== member)?.account
                ?? (member.account === "222222222222" ? "444444444444" : "222222222222");

            test(`${member.name}'s stream writes its events and errors under its own folders, with no encryption header`, async () => {
                assert.equal(member.stream.bucketArn, archive.bucketArn);
                assert.equal(await s3Request(writer, "s3:PutObject", archive.object(dataKey(member)), bucket), ALLOWED);
                assert.equal(await s3Request(writer, "s3:PutObject", archive.object(`errorLog/${member.account}/processing-failed/dt=2026-11-24/x.gz`), bucket), ALLOWED);
                assert.equal(await s3Request(writer, "s3:AbortMultipartUpload", archive.object(dataKey(member)), bucket), ALLOWED);
                assert.equal(await s3Request(writer, "s3:GetBucketLocation", archive.bucketArn, bucket), ALLOWED);
            });

            test(`${member.name}'s stream cannot write, read or list another member's folder`, async () => {
                const elsewhere = archive.object(`partitioned/${otherAccount}/Delivery/2026/11/24/x.gz`);
                assert.equal(await s3Request(writer, "s3:PutObject", elsewhere, bucket), IMPLICITLY_DENIED);
                assert.equal(await s3Request(writer, "s3:GetObject", elsewhere, bucket), IMPLICITLY_DENIED);
                assert.equal(await s3Request(writer, "s3:PutObject", archive.object("athenaAdhocQueries/x.csv"), bucket), IMPLICITLY_DENIED);
            });

            test(`${member.name} lists only its own folders: keys would reveal other members, event types and volumes`, async () => {
                const list = (prefix) => s3Request(writer, "s3:ListBucket", archive.bucketArn, { ...bucket, keys: prefix === undefined ? {} : { "s3:prefix": prefix } });
                assert.equal(await list(`partitioned/${member.account}/`), ALLOWED);
                assert.equal(await list(`errorLog/${member.account}/`), ALLOWED);
                assert.notEqual(await list(`partitioned/${otherAccount}/`), ALLOWED);
                assert.notEqual(await list("partitioned/"), ALLOWED);
                assert.notEqual(await list(""), ALLOWED);
                assert.notEqual(await list(undefined), ALLOWED, "a listing without a prefix is the whole bucket");
                assert.notEqual(await s3Request(writer, "s3:ListBucketMultipartUploads", archive.bucketArn, bucket), ALLOWED,
                    "in-progress uploads are listed for the whole bucket: S3 has no prefix condition for them");
            });

            test(`${member.name} cannot make its objects unreadable to the archive with encryption of its own`, async () => {
                const put = (keys) => s3Request(writer, "s3:PutObject", archive.object(dataKey(member)), { ...bucket, keys });
                const ownKey = `arn:aws:kms:${member.region}:${member.account}:key/0b0e1a8c-member-owned`;
                assert.equal(await put({ "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": ownKey }), EXPLICITLY_DENIED);
                assert.equal(await put({ "s3:x-amz-server-side-encryption": "aws:kms:dsse", "s3:x-amz-server-side-encryption-aws-kms-key-id": ownKey }), EXPLICITLY_DENIED);
                assert.equal(await put({ "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }), EXPLICITLY_DENIED, "SSE-C: a key only the member holds");
                if (archive.stack.key) {
                    assert.equal(await put({ "s3:x-amz-server-side-encryption": "AES256" }), EXPLICITLY_DENIED, "the archive's key, not S3's");
                    assert.equal(await put({ "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": archive.stack.key.arn }), ALLOWED);
                } else {
                    assert.equal(await put({ "s3:x-amz-server-side-encryption": "AES256" }), ALLOWED);
                }
            });

            test(`another role of ${member.name}'s account, even an administrator, cannot write into the archive`, async () => {
                assert.equal(await s3Request(administrator(member.account), "s3:PutObject", archive.object(dataKey(member)), bucket), IMPLICITLY_DENIED);
            });

            test(`an account outside memberAccounts cannot write, even with a role of the same name and policy`, async () => {
                const impostor = caller(writer.arn.replace(member.account, OUTSIDER), writer.policies);
                assert.equal(await s3Request(impostor, "s3:PutObject", archive.object(`partitioned/${OUTSIDER}/Delivery/2026/11/24/x.gz`), bucket), IMPLICITLY_DENIED);
                assert.equal(await s3Request(impostor, "s3:PutObject", archive.object(dataKey(member)), bucket), IMPLICITLY_DENIED);
            });

            test(`nobody writes into ${archiveName} without TLS, the archive's own administrator included`, async () => {
                assert.equal(await s3Request(writer, "s3:PutObject", archive.object(dataKey(member)), { ...bucket, tls: false }), EXPLICITLY_DENIED);
                assert.equal(await s3Request(administrator(archive.stack.account), "s3:PutObject", archive.object(dataKey(member)), { ...bucket, tls: false }), EXPLICITLY_DENIED);
            });

            if (archive.stack.key) {
                const key = archive.stack.key;
                const viaS3 = { keyAccount: archive.stack.account, bucketRegion: archive.stack.region, bucketArn: archive.bucketArn };

                test(`${member.name} (${member.region}) encrypts with the archive's key through S3 in the bucket's region (${archive.stack.region})`, async () => {
                    assert.equal(member.exports.region, member.region);
                    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
                        assert.equal(await kmsThroughS3(writer, action, key, viaS3), ALLOWED, action);
                    }
                });

                test(`${member.name} uses the archive's key only through S3, only for the archive's bucket`, async () => {
                    assert.notEqual(await kmsDirectly(writer, "kms:Decrypt", key, { keyAccount: archive.stack.account }), ALLOWED);
                    assert.notEqual(await kmsThroughS3(writer, "kms:GenerateDataKey", key, { ...viaS3, bucketArn: `arn:aws:s3:::bucket-of-${member.account}` }), ALLOWED);
                    assert.notEqual(await kmsThroughS3(administrator(member.account), "kms:Decrypt", key, viaS3), ALLOWED);
                    assert.notEqual(await kmsThroughS3(caller(writer.arn.replace(member.account, OUTSIDER), writer.policies), "kms:Decrypt", key, viaS3), ALLOWED);
                });
            }
        }
    });
}
