"""Tests of the preview -> CloudFormation translation (translate.py), run in the judges' venv:
    bash judges/cfn/test        (or: <venv>/bin/python -m pytest judges/cfn)
The previews are the committed policy-pack fixtures (real previews of this program) and, when
judges/run has written them, target/judges/previews/*.json (the example and all-options stacks).
"""
import copy
import glob
import json
import os

import pytest

import translate

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PREVIEWS = sorted(glob.glob(os.path.join(ROOT, "policy", "test-fixtures", "previews", "*.json"))
                  + glob.glob(os.path.join(ROOT, "target", "judges", "previews", "*.json")))
PREVIEWS = [p for p in PREVIEWS if not p.endswith(".template.json")]


def load(name):
    with open(os.path.join(ROOT, "policy", "test-fixtures", "previews", name), encoding="utf-8") as f:
        return json.load(f)


def resources(template, cfn_type):
    return {lid: r for lid, r in template.resources.items() if r["Type"] == cfn_type}


@pytest.mark.parametrize("path", PREVIEWS, ids=[os.path.relpath(p, ROOT) for p in PREVIEWS])
def test_every_input_is_mapped_or_listed(path):
    with open(path, encoding="utf-8") as f:
        template = translate.translate(json.load(f))
    assert template.unmapped == []


def test_an_input_neither_mapped_nor_listed_is_reported():
    preview = load("dev.json")
    bucket = next(s for s in preview["steps"] if s["newState"]["type"] == "aws:s3/bucketV2:BucketV2")
    bucket["newState"]["inputs"]["objectLockEnabled"] = True
    lifecycle = next(s for s in preview["steps"]
                     if s["newState"]["type"] == "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
    lifecycle["newState"]["inputs"]["rules"][0]["filter"]["objectSizeGreaterThan"] = 1024
    unmapped = {(t, p) for _, t, p in translate.translate(preview).unmapped}
    assert ("aws:s3/bucketV2:BucketV2", "objectLockEnabled") in unmapped
    assert ("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "rules[].filter.objectSizeGreaterThan") in unmapped


def test_a_type_without_translation_is_reported():
    preview = load("dev.json")
    extra = copy.deepcopy(preview["steps"][-1])
    extra["urn"] = extra["newState"]["urn"] = "urn:pulumi:dev::ses-logs::aws:sqs/queue:Queue::q"
    extra["newState"]["type"] = "aws:sqs/queue:Queue"
    extra["newState"]["inputs"] = {"name": "q"}
    preview["steps"].append(extra)
    assert any(t == "aws:sqs/queue:Queue" for _, t, _ in translate.translate(preview).unmapped)


def test_every_unmapped_entry_has_a_reason():
    for key, reason in translate.NO_EQUIVALENT.items():
        assert len(reason) > 20, key


def record(value, type_="TXT"):
    return {"steps": [{"op": "create", "urn": "urn:pulumi:t::ses-logs::aws:route53/record:Record::r",
                       "newState": {"type": "aws:route53/record:Record", "urn": "urn:pulumi:t::ses-logs::aws:route53/record:Record::r",
                                    "inputs": {"name": "example.com", "type": type_, "ttl": 300, "zoneId": "Z0123456789ABC",
                                               "records": [value]}}}]}


def test_txt_values_are_quoted_as_the_provider_quotes_them():
    rs = translate.translate(record("v=spf1 include:amazonses.com ~all")).resources["R"]["Properties"]
    assert rs["ResourceRecords"] == ['"v=spf1 include:amazonses.com ~all"']
    assert rs["TTL"] == "300"
    quoted = translate.translate(record('"v=spf1 ~all"')).resources["R"]["Properties"]
    assert quoted["ResourceRecords"] == ['""v=spf1 ~all""']
    cname = translate.translate(record("x.dkim.amazonses.com", "CNAME")).resources["R"]["Properties"]
    assert cname["ResourceRecords"] == ["x.dkim.amazonses.com"]


def lint(template):
    from cfnlint.api import lint_all
    return [m.rule.id for m in lint_all(json.dumps(template.doc()))]


def test_cfn_lint_rejects_a_txt_value_quoted_twice_and_accepts_the_provider_form():
    assert "E3023" in lint(translate.translate(record('"v=spf1 include:amazonses.com ~all"')))
    assert "E3023" not in lint(translate.translate(record("v=spf1 include:amazonses.com ~all")))


def test_bucket_companions_are_folded_into_the_bucket():
    template = translate.translate(load("hardened.json"))
    (bucket,) = resources(template, "AWS::S3::Bucket").values()
    props = bucket["Properties"]
    for key in ("OwnershipControls", "PublicAccessBlockConfiguration", "BucketEncryption", "VersioningConfiguration",
                "LifecycleConfiguration", "NotificationConfiguration"):
        assert key in props, key
    assert bucket["DeletionPolicy"] == "Retain"
    rules = {r["Id"]: r for r in props["LifecycleConfiguration"]["Rules"]}
    assert rules["move-partitioned-to-glacier-ir"]["Transitions"] == [{"TransitionInDays": 90, "StorageClass": "GLACIER_IR"}]
    assert rules["remove-noncurrent-versions"]["NoncurrentVersionExpiration"] == {"NoncurrentDays": 30}
    assert len(bucket["Metadata"]["FoldedPulumiUrns"]) == 6


def test_outputs_of_other_resources_become_references():
    template = translate.translate(load("hardened.json"))
    (stream,) = resources(template, "AWS::KinesisFirehose::DeliveryStream").values()
    s3 = stream["Properties"]["ExtendedS3DestinationConfiguration"]
    (bucket_id,) = resources(template, "AWS::S3::Bucket")
    (key_id,) = resources(template, "AWS::KMS::Key")
    assert s3["BucketARN"] == {"Fn::GetAtt": [bucket_id, "Arn"]}
    assert stream["Properties"]["DeliveryStreamEncryptionConfigurationInput"]["KeyARN"] == {"Fn::GetAtt": [key_id, "Arn"]}
    (alias,) = resources(template, "AWS::KMS::Alias").values()
    assert alias["Properties"]["TargetKeyId"] == {"Ref": key_id}


def test_values_from_another_stack_stay_literal():
    template = translate.translate(load("prod.json"))
    (stream,) = resources(template, "AWS::KinesisFirehose::DeliveryStream").values()
    assert stream["Properties"]["ExtendedS3DestinationConfiguration"]["BucketARN"].startswith("arn:aws:s3:::")


def test_provider_default_tags_are_merged_and_resource_tags_win():
    preview = load("dev.json")
    provider = next(s for s in preview["steps"] if s["newState"]["type"] == "pulumi:providers:aws")
    provider["newState"]["inputs"]["defaultTags"] = json.dumps({"tags": {"Cost": "default", "Owner": "mail-team"}})
    template = translate.translate(preview)
    for res in resources(template, "AWS::IAM::Role").values():
        tags = {t["Key"]: t["Value"] for t in res["Properties"]["Tags"]}
        assert tags == {"Cost": "SES-dev", "Owner": "mail-team"}


def test_event_targets_are_folded_into_their_rules():
    template = translate.translate(load("dev.json"))
    rules = resources(template, "AWS::Events::Rule").values()
    assert rules and all(len(r["Properties"]["Targets"]) == 1 for r in rules)


def test_unknown_values_of_a_real_engine_preview_are_reported_not_hidden():
    template = translate.translate(load("engine-dev.json"))
    assert template.unmapped == []
    assert template.unknowns, "the engine's first preview has values unknown before deployment"


def test_unknown_values_get_the_shape_of_what_they_stand_for():
    template = translate.translate(load("engine-dev.json"))
    for alarm in resources(template, "AWS::CloudWatch::Alarm").values():
        actions = alarm["Properties"]["AlarmActions"]
        assert isinstance(actions, list) and all(isinstance(a, str) and a.startswith("arn:aws:sns:") for a in actions), actions
    (stream,) = resources(template, "AWS::KinesisFirehose::DeliveryStream").values()
    assert stream["Properties"]["ExtendedS3DestinationConfiguration"]["BucketARN"].startswith("arn:aws:s3:::")
