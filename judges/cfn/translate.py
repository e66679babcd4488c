"""Translates an offline preview document of ses-logs (scripts/offline-preview --json) into a
CloudFormation template, so that AWS's CloudFormation linter (cfn-lint) can judge every value the
program hands the AWS provider against CloudFormation's registry schemas.

Faithful, not pretty:
- every input of every previewed resource is either mapped to the CloudFormation property that
  models it, or listed in NO_EQUIVALENT with the reason; anything else is reported as unmapped
  (translate() returns it, the pytest suite fails on it, `run` stops on it);
- values are expanded the way the AWS provider (terraform-provider-aws, which Pulumi's AWS
  provider wraps) expands them before calling AWS, e.g. Route 53 TXT/SPF values are wrapped in
  double quotes by the provider (internal/service/route53/record.go, flattenTxtEntry), so the
  template carries the quoted form that reaches Route 53;
- the provider's default_tags are merged into the tags of every resource type the provider tags
  (resource tags win, as in the provider);
- separate Pulumi companions that CloudFormation models as properties are folded in (the S3
  bucket's ownership, public access block, encryption, versioning, lifecycle and notification;
  EventBridge targets into their rule; SES identity feedback and MAIL FROM attributes into the
  identity);
- a value that names another resource of the same preview becomes Ref / Fn::GetAtt of that
  resource (REFERENCES); values from other stacks stay literal (the offline preview gives them
  in their real shape).

Usage: python translate.py PREVIEW.json [-o TEMPLATE.json]   (prints unmapped inputs, exit 3)
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the Pulumi engine's marker for an unknown value

# ---------------------------------------------------------------------------------------------
# Inputs with no CloudFormation equivalent: (Pulumi type, input path) -> reason.
# A path is dotted, `[]` stands for every element of a list, `*` for every key of a map, and
# "" for the whole resource. Nothing listed here reaches cfn-lint.
# ---------------------------------------------------------------------------------------------
NO_EQUIVALENT: dict[tuple[str, str], str] = {
    ("pulumi:pulumi:Stack", ""): "Pulumi's stack resource; CloudFormation's stack is the template itself",
    ("pulumi:pulumi:StackReference", ""): "reads another stack's outputs; its values reach this template as literals",
    ("pulumi:providers:aws", "region"): "the region is passed to cfn-lint (--regions) instead",
    ("pulumi:providers:aws", "allowedAccountIds"): "provider-side guard; CloudFormation deploys into the account of its credentials",
    ("pulumi:providers:aws", "assumeRole"): "provider credentials; a CloudFormation stack uses the caller's or a service role",
    ("pulumi:providers:aws", "skipCredentialsValidation"): "provider start-up behaviour, no AWS resource property",
    ("pulumi:providers:aws", "skipRegionValidation"): "provider start-up behaviour, no AWS resource property",
    ("pulumi:providers:aws", "version"): "the provider plugin version",
    ("pulumi:providers:aws", "__internal"): "Pulumi engine bookkeeping",
    ("aws:s3/bucketV2:BucketV2", "forceDestroy"): "Terraform-only: empties the bucket on delete; CloudFormation never deletes objects",
    ("aws:glue/catalogDatabase:CatalogDatabase", "tags"): "AWS::Glue::Database has no Tags property (Glue tags databases only through TagResource)",
    ("aws:sesv2/accountVdmAttributes:AccountVdmAttributes", "vdmEnabled"): "AWS::SES::VdmAttributes has no VdmEnabled; the resource turns VDM on by existing",
    ("aws:ses/identityNotificationTopic:IdentityNotificationTopic", ""): "no CloudFormation type sets an identity's bounce/complaint/delivery notification topic (SES SetIdentityNotificationTopic)",
    ("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "serverSideEncryption.enabled"): "CloudFormation: the presence of DeliveryStreamEncryptionConfigurationInput turns encryption on",
    ("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "destination"): "chooses the destination block: extended_s3 is ExtendedS3DestinationConfiguration",
}
# Pulumi component resources of this program: grouping only, no AWS resource.
COMPONENT_PREFIX = "ses-logs:index:"

# Pulumi types whose provider resource takes `tags` (default_tags apply to them).
TAGGED = {
    "aws:s3/bucketV2:BucketV2", "aws:sesv2/configurationSet:ConfigurationSet", "aws:sesv2/emailIdentity:EmailIdentity",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "aws:iam/role:Role",
    "aws:athena/workgroup:Workgroup", "aws:sns/topic:Topic", "aws:kms/key:Key", "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/eventRule:EventRule",
}


def _pascal(s: str) -> str:
    return s[:1].upper() + s[1:]


class Inputs:
    """A resource's inputs, consumed as they are mapped; what is left over is unmapped."""

    def __init__(self, type_: str, inputs: dict):
        self.type = type_
        self.left = copy.deepcopy(inputs)

    def has(self, path: str) -> bool:
        node = self.left
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def take(self, path: str, default=None):
        """Removes and returns the value at a dotted path (a whole subtree if it is one)."""
        parts = path.split(".")
        node, chain = self.left, []
        for part in parts[:-1]:
            if not isinstance(node, dict) or part not in node:
                return default
            chain.append((node, part))
            node = node[part]
        if not isinstance(node, dict) or parts[-1] not in node:
            return default
        value = node.pop(parts[-1])
        for parent, key in reversed(chain):  # prune emptied parents
            if parent[key] == {}:
                parent.pop(key)
        return value

    def leftover_paths(self) -> list[str]:
        out: list[str] = []

        def walk(v, p):
            if isinstance(v, dict):
                if not v and p:
                    return  # an empty map carries nothing
                for k, x in v.items():
                    walk(x, f"{p}.{k}" if p else k)
            elif isinstance(v, list):
                for x in v:
                    walk(x, p + "[]")
            else:
                out.append(p)

        walk(self.left, "")
        return sorted(set(out))


def _listed(type_: str, path: str) -> bool:
    norm = re.sub(r"\[\]", "", path)
    if (type_, "") in NO_EQUIVALENT:
        return True
    parts = norm.split(".")
    return any((type_, ".".join(parts[:i])) in NO_EQUIVALENT for i in range(1, len(parts) + 1))


def _consume(inp: Inputs, mapping: dict) -> dict:
    """Maps inputs by {pulumiPath: CfnName or (CfnName, convert)}; absent inputs are skipped."""
    out = {}
    for src, dst in mapping.items():
        if not inp.has(src):
            continue
        v = inp.take(src)
        if isinstance(dst, tuple):
            dst, conv = dst
            v = conv(v)
        out[dst] = v
    return out


def _tags(tags: dict | None) -> list[dict] | None:
    if not tags:
        return None
    return [{"Key": k, "Value": v} for k, v in sorted(tags.items())]


def _json(v):
    return json.loads(v) if isinstance(v, str) else v


def expand_txt(value: str) -> str:
    """terraform-provider-aws internal/service/route53/record.go flattenTxtEntry: fmt.Sprintf(`"%s"`, s)."""
    return f'"{value}"'


@dataclass
class Template:
    region: str
    account: str
    resources: dict = field(default_factory=dict)
    unmapped: list = field(default_factory=list)  # (urn, type, path)
    unknowns: list = field(default_factory=list)  # (logical id, path)
    logical_by_urn: dict = field(default_factory=dict)
    deps: dict = field(default_factory=dict)  # logical id -> logical ids it depends on (its own and folded resources')

    def doc(self) -> dict:
        return {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "ses-logs offline preview translated for cfn-lint (judges/cfn/translate.py); not for deployment",
            "Resources": self.resources,
        }


def _logical_id(urn: str, taken: set) -> str:
    name = urn.rsplit("::", 1)[-1]
    base = "".join(_pascal(p) for p in re.split(r"[^A-Za-z0-9]+", name) if p) or "Resource"
    if not base[0].isalpha():
        base = "R" + base
    lid, n = base, 2
    while lid in taken:
        lid, n = f"{base}{n}", n + 1
    taken.add(lid)
    return lid


# ---------------------------------------------------------------------------------------------
# One function per Pulumi type: returns (CloudFormation type, Properties) or a fold instruction.
# ---------------------------------------------------------------------------------------------

def bucket(inp: Inputs, ctx):
    p = _consume(inp, {"bucket": "BucketName"})
    p["Tags"] = inp.take("tags")
    return "AWS::S3::Bucket", p


def bucket_ownership(inp: Inputs, ctx):
    return ("fold-bucket", inp.take("bucket"),
            {"OwnershipControls": {"Rules": [{"ObjectOwnership": inp.take("rule.objectOwnership")}]}})


def bucket_public_access(inp: Inputs, ctx):
    b = inp.take("bucket")
    return ("fold-bucket", b, {"PublicAccessBlockConfiguration": _consume(inp, {
        "blockPublicAcls": "BlockPublicAcls", "blockPublicPolicy": "BlockPublicPolicy",
        "ignorePublicAcls": "IgnorePublicAcls", "restrictPublicBuckets": "RestrictPublicBuckets"})})


def bucket_encryption(inp: Inputs, ctx):
    b = inp.take("bucket")
    rules = []
    for rule in inp.take("rules") or []:
        r = Inputs(inp.type, rule)
        out = _consume(r, {"bucketKeyEnabled": "BucketKeyEnabled"})
        default = _consume(r, {"applyServerSideEncryptionByDefault.sseAlgorithm": "SSEAlgorithm",
                               "applyServerSideEncryptionByDefault.kmsMasterKeyId": "KMSMasterKeyID"})
        if default:
            out["ServerSideEncryptionByDefault"] = default
        ctx.nested_leftovers(r, "rules[]")
        rules.append(out)
    return ("fold-bucket", b, {"BucketEncryption": {"ServerSideEncryptionConfiguration": rules}})


def bucket_versioning(inp: Inputs, ctx):
    b = inp.take("bucket")
    return ("fold-bucket", b, {"VersioningConfiguration": {"Status": inp.take("versioningConfiguration.status")}})


def bucket_lifecycle(inp: Inputs, ctx):
    b = inp.take("bucket")
    rules = []
    for rule in inp.take("rules") or []:
        r = Inputs(inp.type, rule)
        out = _consume(r, {
            "id": "Id", "status": "Status", "filter.prefix": "Prefix",
            "expiration.days": "ExpirationInDays", "expiration.expiredObjectDeleteMarker": "ExpiredObjectDeleteMarker",
            "abortIncompleteMultipartUpload.daysAfterInitiation": ("AbortIncompleteMultipartUpload", lambda d: {"DaysAfterInitiation": d}),
            "noncurrentVersionExpiration.noncurrentDays": ("NoncurrentVersionExpiration", lambda d: {"NoncurrentDays": d}),
        })
        if r.has("transitions"):
            out["Transitions"] = []
            for t in r.take("transitions"):
                ti = Inputs(inp.type, t)
                out["Transitions"].append(_consume(ti, {"days": "TransitionInDays", "storageClass": "StorageClass"}))
                ctx.nested_leftovers(ti, "rules[].transitions[]")
        ctx.nested_leftovers(r, "rules[]")
        rules.append(out)
    # s3/bucket_lifecycle_configuration.go: transition_default_minimum_object_size has a default plan modifier;
    # for a new configuration the provider sends all_storage_classes_128K.
    tdmos = inp.take("transitionDefaultMinimumObjectSize", "all_storage_classes_128K")
    return ("fold-bucket", b, {"LifecycleConfiguration": {"Rules": rules, "TransitionDefaultMinimumObjectSize": tdmos}})


def bucket_notification(inp: Inputs, ctx):
    b = inp.take("bucket")
    return ("fold-bucket", b, {"NotificationConfiguration": {"EventBridgeConfiguration": {"EventBridgeEnabled": inp.take("eventbridge")}}})


def bucket_policy(inp: Inputs, ctx):
    return "AWS::S3::BucketPolicy", {"Bucket": inp.take("bucket"), "PolicyDocument": _json(inp.take("policy"))}


def kms_key(inp: Inputs, ctx):
    p = _consume(inp, {"description": "Description", "enableKeyRotation": "EnableKeyRotation",
                       "deletionWindowInDays": "PendingWindowInDays", "policy": ("KeyPolicy", _json)})
    p["Tags"] = inp.take("tags")
    p.update(_consume(inp, {"customerMasterKeySpec": "KeySpec", "keyUsage": "KeyUsage", "isEnabled": "Enabled",
                            "multiRegion": "MultiRegion", "rotationPeriodInDays": "RotationPeriodInDays"}))
    # kms/key.go: CreateKey always carries KeySpec and KeyUsage (schema defaults); is_enabled defaults to true.
    p.setdefault("KeySpec", "SYMMETRIC_DEFAULT")
    p.setdefault("KeyUsage", "ENCRYPT_DECRYPT")
    p.setdefault("Enabled", True)
    return "AWS::KMS::Key", p


def kms_alias(inp: Inputs, ctx):
    return "AWS::KMS::Alias", _consume(inp, {"name": "AliasName", "targetKeyId": "TargetKeyId"})


def sns_topic(inp: Inputs, ctx):
    p = _consume(inp, {"name": "TopicName", "displayName": "DisplayName", "fifoTopic": "FifoTopic",
                       "kmsMasterKeyId": "KmsMasterKeyId"})
    p["Tags"] = inp.take("tags")
    return "AWS::SNS::Topic", p


def sns_topic_policy(inp: Inputs, ctx):
    return "AWS::SNS::TopicPolicy", {"Topics": [inp.take("arn")], "PolicyDocument": _json(inp.take("policy"))}


def sns_subscription(inp: Inputs, ctx):
    return "AWS::SNS::Subscription", _consume(inp, {"topic": "TopicArn", "protocol": "Protocol", "endpoint": "Endpoint"})


def event_rule(inp: Inputs, ctx):
    p = _consume(inp, {"name": "Name", "description": "Description", "eventPattern": ("EventPattern", _json),
                       "eventBusName": "EventBusName", "state": "State"})
    p["Tags"] = inp.take("tags")
    p.setdefault("EventBusName", "default")  # events/rule.go: event_bus_name Default DefaultEventBusName, sent in PutRule
    return "AWS::Events::Rule", p


def event_target(inp: Inputs, ctx):
    rule = inp.take("rule")
    target = _consume(inp, {"targetId": "Id", "arn": "Arn", "input": "Input", "inputPath": "InputPath",
                            "roleArn": "RoleArn"})
    if inp.has("inputTransformer"):
        target["InputTransformer"] = _consume(inp, {"inputTransformer.inputPaths": "InputPathsMap",
                                                    "inputTransformer.inputTemplate": "InputTemplate"})
    # The provider gives a target without target_id a generated unique id (id.UniqueId(), "terraform-<timestamp>...").
    target.setdefault("Id", ctx.unique_target_id())
    return ("fold-rule", rule, target)


def metric_alarm(inp: Inputs, ctx):
    p = _consume(inp, {
        "name": "AlarmName", "alarmDescription": "AlarmDescription", "alarmActions": "AlarmActions",
        "okActions": "OKActions", "insufficientDataActions": "InsufficientDataActions",
        "actionsEnabled": "ActionsEnabled", "comparisonOperator": "ComparisonOperator",
        "evaluationPeriods": "EvaluationPeriods", "datapointsToAlarm": "DatapointsToAlarm",
        "metricName": "MetricName", "namespace": "Namespace", "period": "Period", "statistic": "Statistic",
        "extendedStatistic": "ExtendedStatistic", "threshold": "Threshold", "treatMissingData": "TreatMissingData",
        "unit": "Unit",
        "dimensions": ("Dimensions", lambda d: [{"Name": k, "Value": v} for k, v in sorted(d.items())] or None),
    })
    p["Tags"] = inp.take("tags")
    return "AWS::CloudWatch::Alarm", p


def log_group(inp: Inputs, ctx):
    p = _consume(inp, {"name": "LogGroupName", "retentionInDays": "RetentionInDays", "kmsKeyId": "KmsKeyId",
                       "logGroupClass": "LogGroupClass"})
    p["Tags"] = inp.take("tags")
    return "AWS::Logs::LogGroup", p


def log_stream(inp: Inputs, ctx):
    return "AWS::Logs::LogStream", _consume(inp, {"logGroupName": "LogGroupName", "name": "LogStreamName"})


def dashboard(inp: Inputs, ctx):
    return "AWS::CloudWatch::Dashboard", _consume(inp, {"dashboardName": "DashboardName", "dashboardBody": "DashboardBody"})


def iam_role(inp: Inputs, ctx):
    p = _consume(inp, {"name": "RoleName", "description": "Description", "path": "Path",
                       "maxSessionDuration": "MaxSessionDuration", "permissionsBoundary": "PermissionsBoundary",
                       "assumeRolePolicy": ("AssumeRolePolicyDocument", _json)})
    p["Tags"] = inp.take("tags")
    return "AWS::IAM::Role", p


def iam_role_policy(inp: Inputs, ctx):
    return "AWS::IAM::RolePolicy", _consume(inp, {"role": "RoleName", "name": "PolicyName", "policy": ("PolicyDocument", _json)})


def glue_database(inp: Inputs, ctx):
    p = {"CatalogId": inp.take("catalogId", ctx.account)}  # the provider defaults catalog_id to the caller's account
    p["DatabaseInput"] = _consume(inp, {"name": "Name", "description": "Description", "locationUri": "LocationUri",
                                        "parameters": "Parameters"})
    return "AWS::Glue::Database", p


def _columns(ctx, cols, where):
    out = []
    for c in cols:
        ci = Inputs("", c)
        out.append(_consume(ci, {"name": "Name", "type": "Type", "comment": "Comment"}))
        ctx.nested_leftovers(ci, where)
    return out


def glue_table(inp: Inputs, ctx):
    p = {"CatalogId": inp.take("catalogId", ctx.account), "DatabaseName": inp.take("databaseName")}
    t = _consume(inp, {"name": "Name", "description": "Description", "tableType": "TableType", "parameters": "Parameters",
                       "owner": "Owner", "retention": "Retention"})
    if inp.has("partitionKeys"):
        t["PartitionKeys"] = _columns(ctx, inp.take("partitionKeys"), "partitionKeys[]")
    if inp.has("storageDescriptor"):
        sd = _consume(inp, {"storageDescriptor.location": "Location", "storageDescriptor.inputFormat": "InputFormat",
                            "storageDescriptor.outputFormat": "OutputFormat", "storageDescriptor.compressed": "Compressed",
                            "storageDescriptor.parameters": "Parameters"})
        serde = _consume(inp, {"storageDescriptor.serDeInfo.name": "Name",
                               "storageDescriptor.serDeInfo.serializationLibrary": "SerializationLibrary",
                               "storageDescriptor.serDeInfo.parameters": "Parameters"})
        if serde:
            sd["SerdeInfo"] = serde
        if inp.has("storageDescriptor.columns"):
            sd["Columns"] = _columns(ctx, inp.take("storageDescriptor.columns"), "storageDescriptor.columns[]")
        t["StorageDescriptor"] = sd
    p["TableInput"] = t
    return "AWS::Glue::Table", p


def athena_workgroup(inp: Inputs, ctx):
    p = _consume(inp, {"name": "Name", "description": "Description", "state": "State",
                       "forceDestroy": "RecursiveDeleteOption"})
    p["Tags"] = inp.take("tags")
    c = _consume(inp, {
        "configuration.bytesScannedCutoffPerQuery": "BytesScannedCutoffPerQuery",
        "configuration.enforceWorkgroupConfiguration": "EnforceWorkGroupConfiguration",
        "configuration.publishCloudwatchMetricsEnabled": "PublishCloudWatchMetricsEnabled",
        "configuration.requesterPaysEnabled": "RequesterPaysEnabled",
        "configuration.engineVersion.selectedEngineVersion": ("EngineVersion", lambda v: {"SelectedEngineVersion": v}),
    })
    rc = _consume(inp, {
        "configuration.resultConfiguration.outputLocation": "OutputLocation",
        "configuration.resultConfiguration.expectedBucketOwner": "ExpectedBucketOwner",
    })
    enc = _consume(inp, {
        "configuration.resultConfiguration.encryptionConfiguration.encryptionOption": "EncryptionOption",
        "configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn": "KmsKey",
    })
    if enc:
        rc["EncryptionConfiguration"] = enc
    if rc:
        c["ResultConfiguration"] = rc
    if c:
        p["WorkGroupConfiguration"] = c
    return "AWS::Athena::WorkGroup", p


def athena_named_query(inp: Inputs, ctx):
    return "AWS::Athena::NamedQuery", _consume(inp, {"name": "Name", "description": "Description", "database": "Database",
                                                     "query": "QueryString", "workgroup": "WorkGroup"})


def firehose(inp: Inputs, ctx):
    p = _consume(inp, {"name": "DeliveryStreamName"})
    # The provider calls CreateDeliveryStream with DeliveryStreamType DirectPut unless a Kinesis or MSK
    # source is configured (internal/service/firehose/delivery_stream.go).
    p["DeliveryStreamType"] = "DirectPut"
    p["Tags"] = inp.take("tags")
    if inp.has("serverSideEncryption"):
        enabled = inp.take("serverSideEncryption.enabled")
        sse = _consume(inp, {"serverSideEncryption.keyType": "KeyType", "serverSideEncryption.keyArn": "KeyARN"})
        if enabled:
            p["DeliveryStreamEncryptionConfigurationInput"] = sse
    dest = inp.take("destination")
    if dest != "extended_s3":
        ctx.unmapped_value(inp, "destination", dest)
    e = "extendedS3Configuration."
    s3 = _consume(inp, {
        e + "bucketArn": "BucketARN", e + "roleArn": "RoleARN", e + "prefix": "Prefix",
        e + "errorOutputPrefix": "ErrorOutputPrefix", e + "compressionFormat": "CompressionFormat",
        e + "fileExtension": "FileExtension", e + "customTimeZone": "CustomTimeZone", e + "s3BackupMode": "S3BackupMode",
        e + "kmsKeyArn": ("EncryptionConfiguration", lambda k: {"KMSEncryptionConfig": {"AWSKMSKeyARN": k}}),
    })
    hints = _consume(inp, {e + "bufferingInterval": "IntervalInSeconds", e + "bufferingSize": "SizeInMBs"})
    if hints:
        s3["BufferingHints"] = hints
    logging = _consume(inp, {e + "cloudwatchLoggingOptions.enabled": "Enabled",
                             e + "cloudwatchLoggingOptions.logGroupName": "LogGroupName",
                             e + "cloudwatchLoggingOptions.logStreamName": "LogStreamName"})
    if logging:
        s3["CloudWatchLoggingOptions"] = logging
    dyn = _consume(inp, {e + "dynamicPartitioningConfiguration.enabled": "Enabled",
                         e + "dynamicPartitioningConfiguration.retryDuration": ("RetryOptions", lambda d: {"DurationInSeconds": d})})
    if dyn:
        s3["DynamicPartitioningConfiguration"] = dyn
    c = e + "dataFormatConversionConfiguration."
    conversion = _consume(inp, {c + "enabled": "Enabled"})
    openx = _consume(inp, {c + "inputFormatConfiguration.deserializer.openXJsonSerDe.caseInsensitive": "CaseInsensitive",
                           c + "inputFormatConfiguration.deserializer.openXJsonSerDe.columnToJsonKeyMappings": "ColumnToJsonKeyMappings",
                           c + "inputFormatConfiguration.deserializer.openXJsonSerDe.convertDotsInJsonKeysToUnderscores":
                               "ConvertDotsInJsonKeysToUnderscores"})
    hive = _consume(inp, {c + "inputFormatConfiguration.deserializer.hiveJsonSerDe.timestampFormats": "TimestampFormats"})
    parquet = _consume(inp, {c + "outputFormatConfiguration.serializer.parquetSerDe." + k: k[0].upper() + k[1:] for k in
                             ("blockSizeBytes", "compression", "enableDictionaryCompression", "maxPaddingBytes", "pageSizeBytes",
                              "writerVersion")})
    schema = _consume(inp, {c + "schemaConfiguration.catalogId": "CatalogId", c + "schemaConfiguration.databaseName": "DatabaseName",
                            c + "schemaConfiguration.region": "Region", c + "schemaConfiguration.roleArn": "RoleARN",
                            c + "schemaConfiguration.tableName": "TableName", c + "schemaConfiguration.versionId": "VersionId"})
    if conversion or openx or hive or parquet or schema:
        # A serializer or deserializer given with all its defaults is an empty block: still the choice.
        if inp.take(c + "inputFormatConfiguration.deserializer.openXJsonSerDe") is not None or openx:
            deserializer = {"OpenXJsonSerDe": openx}
        else:
            deserializer = {"HiveJsonSerDe": hive}
        inp.take(c + "outputFormatConfiguration.serializer.parquetSerDe")
        conversion["InputFormatConfiguration"] = {"Deserializer": deserializer}
        conversion["OutputFormatConfiguration"] = {"Serializer": {"ParquetSerDe": parquet}}
        conversion["SchemaConfiguration"] = schema
        s3["DataFormatConversionConfiguration"] = conversion
    if inp.has(e + "processingConfiguration"):
        pc = _consume(inp, {e + "processingConfiguration.enabled": "Enabled"})
        processors = []
        for proc in inp.take(e + "processingConfiguration.processors") or []:
            pi = Inputs(inp.type, proc)
            out = _consume(pi, {"type": "Type"})
            params = []
            for param in pi.take("parameters") or []:
                qi = Inputs(inp.type, param)
                params.append(_consume(qi, {"parameterName": "ParameterName", "parameterValue": "ParameterValue"}))
                ctx.nested_leftovers(qi, e + "processingConfiguration.processors[].parameters[]")
            if params:
                out["Parameters"] = params
            ctx.nested_leftovers(pi, e + "processingConfiguration.processors[]")
            processors.append(out)
        pc["Processors"] = processors
        s3["ProcessingConfiguration"] = pc
    # Defaults the provider fills in before CreateDeliveryStream (firehose/delivery_stream.go schema Default:).
    s3.setdefault("CustomTimeZone", "UTC")
    s3.setdefault("S3BackupMode", "Disabled")
    s3.setdefault("CompressionFormat", "UNCOMPRESSED")
    s3.setdefault("BufferingHints", {})
    s3["BufferingHints"].setdefault("IntervalInSeconds", 300)
    s3["BufferingHints"].setdefault("SizeInMBs", 5)
    if "DynamicPartitioningConfiguration" in s3:
        s3["DynamicPartitioningConfiguration"].setdefault("RetryOptions", {"DurationInSeconds": 300})
    p["ExtendedS3DestinationConfiguration"] = s3
    return "AWS::KinesisFirehose::DeliveryStream", p


def ses_vdm(inp: Inputs, ctx):
    return "AWS::SES::VdmAttributes", _consume(inp, {
        "dashboardAttributes.engagementMetrics": ("DashboardAttributes", lambda v: {"EngagementMetrics": v}),
        "guardianAttributes.optimizedSharedDelivery": ("GuardianAttributes", lambda v: {"OptimizedSharedDelivery": v}),
    })


def ses_configuration_set(inp: Inputs, ctx):
    p = _consume(inp, {
        "configurationSetName": "Name",
        "deliveryOptions.tlsPolicy": ("DeliveryOptions", lambda v: {"TlsPolicy": v}),
        "reputationOptions.reputationMetricsEnabled": ("ReputationOptions", lambda v: {"ReputationMetricsEnabled": v}),
        "sendingOptions.sendingEnabled": ("SendingOptions", lambda v: {"SendingEnabled": v}),
        "suppressionOptions.suppressedReasons": ("SuppressionOptions", lambda v: {"SuppressedReasons": v}),
        "trackingOptions.customRedirectDomain": ("TrackingOptions", lambda v: {"CustomRedirectDomain": v}),
    })
    vdm = {}
    vdm.update(_consume(inp, {
        "vdmOptions.dashboardOptions.engagementMetrics": ("DashboardOptions", lambda v: {"EngagementMetrics": v}),
        "vdmOptions.guardianOptions.optimizedSharedDelivery": ("GuardianOptions", lambda v: {"OptimizedSharedDelivery": v}),
    }))
    if vdm:
        p["VdmOptions"] = vdm
    p["Tags"] = inp.take("tags")
    return "AWS::SES::ConfigurationSet", p


def ses_event_destination(inp: Inputs, ctx):
    d = "eventDestination."
    dest = _consume(inp, {"eventDestinationName": "Name", d + "enabled": "Enabled",
                          d + "matchingEventTypes": "MatchingEventTypes",
                          d + "eventBridgeDestination.eventBusArn": ("EventBridgeDestination", lambda v: {"EventBusArn": v}),
                          d + "snsDestination.topicArn": ("SnsDestination", lambda v: {"TopicARN": v})})
    fh = _consume(inp, {d + "kinesisFirehoseDestination.deliveryStreamArn": "DeliveryStreamARN",
                        d + "kinesisFirehoseDestination.iamRoleArn": "IAMRoleARN"})
    if fh:
        dest["KinesisFirehoseDestination"] = fh
    return "AWS::SES::ConfigurationSetEventDestination", {
        "ConfigurationSetName": inp.take("configurationSetName"), "EventDestination": dest}


def ses_identity(inp: Inputs, ctx):
    p = _consume(inp, {
        "emailIdentity": "EmailIdentity",
        "configurationSetName": ("ConfigurationSetAttributes", lambda v: {"ConfigurationSetName": v}),
    })
    dkim = _consume(inp, {"dkimSigningAttributes.nextSigningKeyLength": "NextSigningKeyLength",
                          "dkimSigningAttributes.domainSigningPrivateKey": "DomainSigningPrivateKey",
                          "dkimSigningAttributes.domainSigningSelector": "DomainSigningSelector"})
    if dkim:
        p["DkimSigningAttributes"] = dkim
    p["Tags"] = inp.take("tags")
    return "AWS::SES::EmailIdentity", p


def ses_feedback(inp: Inputs, ctx):
    ident = inp.take("emailIdentity")
    return ("fold-identity", ident, {"FeedbackAttributes": {"EmailForwardingEnabled": inp.take("emailForwardingEnabled")}})


def ses_mail_from(inp: Inputs, ctx):
    ident = inp.take("emailIdentity")
    return ("fold-identity", ident, {"MailFromAttributes": _consume(inp, {
        "mailFromDomain": "MailFromDomain", "behaviorOnMxFailure": "BehaviorOnMxFailure"})})


def route53_record(inp: Inputs, ctx):
    type_ = inp.take("type")
    p = {"HostedZoneId": inp.take("zoneId"), "Name": inp.take("name"), "Type": type_}
    if inp.has("ttl"):
        p["TTL"] = str(inp.take("ttl"))  # CloudFormation models TTL as a string
    if inp.has("records"):
        records = inp.take("records")
        # internal/service/route53/record.go expandResourceRecords: TXT and SPF values go through flattenTxtEntry.
        p["ResourceRecords"] = [expand_txt(r) if type_ in ("TXT", "SPF") else r for r in records]
    p.update(_consume(inp, {"setIdentifier": "SetIdentifier", "healthCheckId": "HealthCheckId"}))
    return "AWS::Route53::RecordSet", p


TRANSLATORS = {
    "aws:s3/bucketV2:BucketV2": bucket,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": bucket_ownership,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucket_public_access,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": bucket_encryption,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": bucket_versioning,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": bucket_lifecycle,
    "aws:s3/bucketNotification:BucketNotification": bucket_notification,
    "aws:s3/bucketPolicy:BucketPolicy": bucket_policy,
    "aws:kms/key:Key": kms_key,
    "aws:kms/alias:Alias": kms_alias,
    "aws:sns/topic:Topic": sns_topic,
    "aws:sns/topicPolicy:TopicPolicy": sns_topic_policy,
    "aws:sns/topicSubscription:TopicSubscription": sns_subscription,
    "aws:cloudwatch/eventRule:EventRule": event_rule,
    "aws:cloudwatch/eventTarget:EventTarget": event_target,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metric_alarm,
    "aws:cloudwatch/logGroup:LogGroup": log_group,
    "aws:cloudwatch/logStream:LogStream": log_stream,
    "aws:cloudwatch/dashboard:Dashboard": dashboard,
    "aws:iam/role:Role": iam_role,
    "aws:iam/rolePolicy:RolePolicy": iam_role_policy,
    "aws:glue/catalogDatabase:CatalogDatabase": glue_database,
    "aws:glue/catalogTable:CatalogTable": glue_table,
    "aws:athena/workgroup:Workgroup": athena_workgroup,
    "aws:athena/namedQuery:NamedQuery": athena_named_query,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehose,
    "aws:sesv2/accountVdmAttributes:AccountVdmAttributes": ses_vdm,
    "aws:sesv2/configurationSet:ConfigurationSet": ses_configuration_set,
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": ses_event_destination,
    "aws:sesv2/emailIdentity:EmailIdentity": ses_identity,
    "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes": ses_feedback,
    "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes": ses_mail_from,
    "aws:route53/record:Record": route53_record,
}

# ---------------------------------------------------------------------------------------------
# Values that name another resource of the template: (CFN type, property path) -> (referenced CFN
# type, "Ref" or attribute). `[]` is every element of a list.
# ---------------------------------------------------------------------------------------------
REFERENCES = {
    ("AWS::S3::BucketPolicy", "Bucket"): ("AWS::S3::Bucket", "Ref"),
    ("AWS::S3::Bucket", "BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID"): ("AWS::KMS::Key", "Arn"),
    ("AWS::KMS::Alias", "TargetKeyId"): ("AWS::KMS::Key", "Ref"),
    ("AWS::SNS::Topic", "KmsMasterKeyId"): ("AWS::KMS::Key", "Arn"),
    ("AWS::SNS::TopicPolicy", "Topics[]"): ("AWS::SNS::Topic", "Ref"),
    ("AWS::SNS::Subscription", "TopicArn"): ("AWS::SNS::Topic", "Ref"),
    ("AWS::Events::Rule", "Targets[].Arn"): ("AWS::SNS::Topic", "Ref"),
    ("AWS::CloudWatch::Alarm", "AlarmActions[]"): ("AWS::SNS::Topic", "Ref"),
    ("AWS::CloudWatch::Alarm", "OKActions[]"): ("AWS::SNS::Topic", "Ref"),
    ("AWS::Logs::LogStream", "LogGroupName"): ("AWS::Logs::LogGroup", "Ref"),
    ("AWS::IAM::RolePolicy", "RoleName"): ("AWS::IAM::Role", "Ref"),
    ("AWS::Glue::Table", "DatabaseName"): ("AWS::Glue::Database", "Ref"),
    ("AWS::Athena::NamedQuery", "Database"): ("AWS::Glue::Database", "Ref"),
    ("AWS::Athena::NamedQuery", "WorkGroup"): ("AWS::Athena::WorkGroup", "Ref"),
    ("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamEncryptionConfigurationInput.KeyARN"): ("AWS::KMS::Key", "Arn"),
    ("AWS::KinesisFirehose::DeliveryStream", "ExtendedS3DestinationConfiguration.BucketARN"): ("AWS::S3::Bucket", "Arn"),
    ("AWS::KinesisFirehose::DeliveryStream", "ExtendedS3DestinationConfiguration.RoleARN"): ("AWS::IAM::Role", "Arn"),
    ("AWS::KinesisFirehose::DeliveryStream", "ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions.LogGroupName"): ("AWS::Logs::LogGroup", "Ref"),
    ("AWS::KinesisFirehose::DeliveryStream", "ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions.LogStreamName"): ("AWS::Logs::LogStream", "Ref"),
    ("AWS::SES::ConfigurationSetEventDestination", "ConfigurationSetName"): ("AWS::SES::ConfigurationSet", "Ref"),
    ("AWS::SES::ConfigurationSetEventDestination", "EventDestination.KinesisFirehoseDestination.DeliveryStreamARN"): ("AWS::KinesisFirehose::DeliveryStream", "Arn"),
    ("AWS::SES::ConfigurationSetEventDestination", "EventDestination.KinesisFirehoseDestination.IAMRoleARN"): ("AWS::IAM::Role", "Arn"),
    ("AWS::SES::EmailIdentity", "ConfigurationSetAttributes.ConfigurationSetName"): ("AWS::SES::ConfigurationSet", "Ref"),
}


class Context:
    def __init__(self, template: Template, urn: str):
        self.template, self.urn = template, urn
        self.account = template.account
        self._n = 0

    def nested_leftovers(self, inp: Inputs, prefix: str):
        for path in inp.leftover_paths():
            full = f"{prefix}.{path}"
            if not _listed(inp.type, full):
                self.template.unmapped.append((self.urn, inp.type, full))

    def unmapped_value(self, inp: Inputs, path: str, value):
        self.template.unmapped.append((self.urn, inp.type, f"{path}={value}"))

    def unique_target_id(self) -> str:
        self._n += 1
        # id.UniqueId() is "terraform-" and a timestamp-based counter; a digest of the URN keeps templates stable.
        return "terraform-" + hashlib.sha1(self.urn.encode()).hexdigest()[:20] + f"{self._n:06d}"


def _values_of(cfn_type: str, props: dict, region: str, account: str, key_arns: list[str]) -> dict:
    """What Ref and Fn::GetAtt return for a resource, from its own properties (AWS's naming rules)."""
    part = "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"
    g = props.get
    if cfn_type == "AWS::S3::Bucket":
        return {"Ref": g("BucketName"), "Arn": f"arn:{part}:s3:::{g('BucketName')}"}
    if cfn_type == "AWS::KMS::Key" and len(key_arns) == 1:
        return {"Ref": key_arns[0].rsplit("/", 1)[1], "Arn": key_arns[0]}
    if cfn_type == "AWS::SNS::Topic":
        return {"Ref": f"arn:{part}:sns:{region}:{account}:{g('TopicName')}"}
    if cfn_type == "AWS::IAM::Role":
        return {"Ref": g("RoleName"), "Arn": f"arn:{part}:iam::{account}:role/{g('RoleName')}"}
    if cfn_type == "AWS::KinesisFirehose::DeliveryStream":
        return {"Ref": g("DeliveryStreamName"), "Arn": f"arn:{part}:firehose:{region}:{account}:deliverystream/{g('DeliveryStreamName')}"}
    if cfn_type == "AWS::Logs::LogGroup":
        return {"Ref": g("LogGroupName")}
    if cfn_type == "AWS::Logs::LogStream":
        return {"Ref": g("LogStreamName")}
    if cfn_type == "AWS::SES::ConfigurationSet":
        return {"Ref": g("Name")}
    if cfn_type == "AWS::Glue::Database":
        return {"Ref": (g("DatabaseInput") or {}).get("Name")}
    if cfn_type == "AWS::Athena::WorkGroup":
        return {"Ref": g("Name")}
    return {}


def _replace_references(template: Template, key_arns: list[str]):
    values = {}  # (cfn type, attr, value) -> [logical ids]
    for lid, res in template.resources.items():
        for attr, v in _values_of(res["Type"], res["Properties"], template.region, template.account, key_arns).items():
            if v:
                values.setdefault((res["Type"], attr, v), []).append(lid)

    def visit(node, parts, target, lid, path):
        if not parts:
            return node
        head, rest = parts[0], parts[1:]
        is_list = head.endswith("[]")
        key = head[:-2] if is_list else head
        if not isinstance(node, dict) or key not in node:
            return node
        if is_list:
            if node[key] == UNKNOWN:
                node[key] = [UNKNOWN]  # a whole list unknown before deployment: one element of the right shape
            node[key] = [visit_leaf(x, target, lid, path) if not rest else visit(x, rest, target, lid, path) for x in node[key]]
        elif rest:
            visit(node[key], rest, target, lid, path)
        else:
            node[key] = visit_leaf(node[key], target, lid, path)
        return node

    def visit_leaf(value, target, lid, path):
        if not isinstance(value, str):
            return value
        ref_type, attr = target
        if value == UNKNOWN:
            # Unknown before deployment (a real engine's first preview): the resource it depends on, if one of the type,
            # else a placeholder in the shape AWS gives that value.
            owners = [o for o in template.deps.get(lid, ()) if template.resources[o]["Type"] == ref_type]
            if len(owners) != 1:
                template.unknowns.append((lid, path))
                return _placeholder(ref_type, attr, template.region, template.account)
        else:
            owners = [o for o in values.get((ref_type, attr, value), []) if o != lid]
        if len(owners) != 1:
            return value
        return {"Ref": owners[0]} if attr == "Ref" else {"Fn::GetAtt": [owners[0], attr]}

    for lid, res in template.resources.items():
        for (cfn_type, path), target in REFERENCES.items():
            if res["Type"] == cfn_type:
                visit(res["Properties"], path.split("."), target, lid, path)


def _placeholder(ref_type: str, attr: str, region: str, account: str) -> str:
    """A value of the shape Ref / Fn::GetAtt of that type returns, for a value not known before deployment."""
    shaped = _values_of(ref_type, {"BucketName": "unknown-before-deployment", "TopicName": "unknown-before-deployment",
                                   "RoleName": "unknown-before-deployment", "DeliveryStreamName": "unknown-before-deployment",
                                   "LogGroupName": "unknown-before-deployment", "LogStreamName": "unknown-before-deployment",
                                   "Name": "unknown-before-deployment", "DatabaseInput": {"Name": "unknown_before_deployment"}},
                        region, account, [f"arn:aws:kms:{region}:{account}:key/00000000-0000-0000-0000-000000000000"])
    return shaped.get(attr, "unknown-before-deployment")


def _clean(v):
    """Drops None values and empty maps that a mapping left behind."""
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items() if x is not None and x != {}}
    if isinstance(v, list):
        return [_clean(x) for x in v]
    return v


def _mark_unknowns(template: Template):
    def walk(v, path, lid):
        if isinstance(v, dict):
            return {k: walk(x, f"{path}.{k}" if path else k, lid) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x, path + "[]", lid) for x in v]
        if v == UNKNOWN:
            template.unknowns.append((lid, path))
            return "unknown-before-deployment"
        return v

    for lid, res in template.resources.items():
        res["Properties"] = walk(res["Properties"], "", lid)


def translate(preview: dict) -> Template:
    states = [step["newState"] for step in preview["steps"]]
    stack = next((s for s in states if s["type"] == "pulumi:pulumi:Stack"), {})
    outputs = stack.get("outputs") or {}
    providers = {s["urn"]: s for s in states if s["type"] == "pulumi:providers:aws"}
    region = outputs.get("region") or next((p["inputs"].get("region") for p in providers.values()), "us-east-1")
    account = outputs.get("accountId") or "123456789012"
    template = Template(region=region, account=account)
    taken: set = set()
    folds = []

    def provider_of(state):
        ref = state.get("provider", "")
        return providers.get(ref.rsplit("::", 1)[0]) if ref else next(iter(providers.values()), None)

    for state in states:
        type_, urn = state["type"], state["urn"]
        inp = Inputs(type_, state.get("inputs") or {})
        if type_.startswith(COMPONENT_PREFIX) or (type_, "") in NO_EQUIVALENT:
            continue
        if type_ == "pulumi:providers:aws":
            inp.take("defaultTags")  # merged into every tagged resource below
            for path in inp.leftover_paths():
                if not _listed(type_, path):
                    template.unmapped.append((urn, type_, path))
            continue
        fn = TRANSLATORS.get(type_)
        if fn is None:
            template.unmapped.append((urn, type_, "(no translation for this type)"))
            continue
        if type_ in TAGGED:
            provider = provider_of(state)
            default = _json((provider or {}).get("inputs", {}).get("defaultTags") or "{}").get("tags") or {}
            if default or inp.has("tags"):
                merged = dict(default)
                merged.update(inp.take("tags") or {})
                inp.left["tags"] = merged
        ctx = Context(template, urn)
        result = fn(inp, ctx)
        for path in inp.leftover_paths():
            if not _listed(type_, path):
                template.unmapped.append((urn, type_, path))
        if result[0].startswith("fold-"):
            folds.append(((urn, state), result))
            continue
        cfn_type, props = result
        if "Tags" in props:
            props["Tags"] = _tags(props["Tags"])
        lid = _logical_id(urn, taken)
        template.logical_by_urn[urn] = lid
        res = {"Type": cfn_type, "Properties": _clean(props)}
        if state.get("retainOnDelete") or state.get("protect"):
            # retainOnDelete keeps the AWS resource when Pulumi deletes it; protect refuses the delete.
            res["DeletionPolicy"] = "Retain"
            res["UpdateReplacePolicy"] = "Retain"
        meta = {"PulumiUrn": urn}
        if state.get("importID") or preview_op(preview, urn) == "import":
            meta["PulumiImport"] = state.get("importID") or state.get("id")  # adopted: a CloudFormation resource import
        res["Metadata"] = meta
        deps = [d for d in state.get("dependencies", []) if d in template.logical_by_urn]
        template.deps[lid] = {template.logical_by_urn[d] for d in deps}
        if deps:
            res["DependsOn"] = sorted({template.logical_by_urn[d] for d in deps})
        template.resources[lid] = res

    by = lambda cfn_type, key, value: [l for l, r in template.resources.items()
                                       if r["Type"] == cfn_type and r["Properties"].get(key) == value]
    fold_targets = {"fold-bucket": ("bucket", "AWS::S3::Bucket", "BucketName"),
                    "fold-identity": ("emailIdentity", "AWS::SES::EmailIdentity", "EmailIdentity"),
                    "fold-rule": ("rule", "AWS::Events::Rule", "Name")}
    for (urn, state), (kind, name, props) in folds:
        key, cfn_type, name_property = fold_targets[kind]
        # The resource the input depends on (a real engine preview may not know the name yet), else by name.
        owners = sorted({template.logical_by_urn[d] for d in (state.get("propertyDependencies") or {}).get(key, [])
                         if d in template.logical_by_urn and template.resources[template.logical_by_urn[d]]["Type"] == cfn_type})
        if not owners:
            owners = by(cfn_type, name_property, name)
        if len(owners) != 1:
            template.unmapped.append((urn, kind, f"cannot fold: {len(owners)} resources named {name}"))
            continue
        template.deps.setdefault(owners[0], set()).update(
            template.logical_by_urn[d] for d in state.get("dependencies", []) if d in template.logical_by_urn)
        target = template.resources[owners[0]]["Properties"]
        if kind == "fold-rule":
            target.setdefault("Targets", []).append(_clean(props))
        else:
            target.update(_clean(props))
        template.resources[owners[0]]["Metadata"].setdefault("FoldedPulumiUrns", []).append(urn)

    key_arns = sorted(set(re.findall(r"arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[0-9a-f-]{36}",
                                     json.dumps(preview)))) if any(
        r["Type"] == "AWS::KMS::Key" for r in template.resources.values()) else []
    key_arns = [a for a in key_arns if f":{region}:{account}:" in a]
    _replace_references(template, key_arns)
    # DependsOn on a resource that is also referenced is redundant for CloudFormation (cfn-lint W3005).
    for res in template.resources.values():
        if "DependsOn" in res:
            refs = set(re.findall(r'"(?:Ref|Fn::GetAtt)": \[?"([A-Za-z0-9]+)"', json.dumps(res["Properties"])))
            res["DependsOn"] = [d for d in res["DependsOn"] if d not in refs]
            if not res["DependsOn"]:
                del res["DependsOn"]
    _mark_unknowns(template)
    return template


def preview_op(preview: dict, urn: str) -> str | None:
    return next((s["op"] for s in preview["steps"] if s["urn"] == urn), None)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("preview")
    ap.add_argument("-o", "--output")
    ap.add_argument("--region-file", help="write the stack's region here (for cfn-lint --regions)")
    args = ap.parse_args(argv)
    with open(args.preview, encoding="utf-8") as f:
        template = translate(json.load(f))
    text = json.dumps(template.doc(), indent=1, sort_keys=False) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.region_file:
        with open(args.region_file, "w", encoding="utf-8") as f:
            f.write(template.region + "\n")
    for lid, path in template.unknowns:
        print(f"{args.preview}: {lid}.{path} is unknown before deployment; a placeholder string stands in", file=sys.stderr)
    if template.unmapped:
        for urn, type_, path in template.unmapped:
            print(f"{args.preview}: unmapped input {type_} {path} ({urn})", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
