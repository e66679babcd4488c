"""Tests of the replacement-rules comparison (replace_rules.py); run by judges/run with the translator's tests."""
import os

import pytest

import replace_rules as rr


def test_reads_the_simulations_rules_from_the_java_source():
    rules = rr.simulation_rules()
    assert "zoneId" in rules["aws:route53/record:Record"]
    assert rules["aws:athena/namedQuery:NamedQuery"] == ["database", "description", "name", "query", "workgroup"]


def test_a_missing_nested_path_and_an_extra_path_are_disagreements():
    provider = {"t:a/b:C": {"forceNew": ["name", "block.enabled"], "cloudFormation": None}}
    _, problems = rr.compare(provider, {"t:a/b:C": ["name", "tags"]}, used={})
    assert any("block.enabled" in p for p in problems)
    assert any("replaces on tags" in p for p in problems)


def test_a_nested_path_under_a_listed_parent_is_covered():
    provider = {"t:a/b:C": {"forceNew": ["source", "source.arn"], "cloudFormation": None}}
    _, problems = rr.compare(provider, {"t:a/b:C": ["source"]}, used={})
    assert problems == []


def test_every_recorded_path_is_a_pulumi_input():
    if not os.path.isdir(os.path.expanduser("~/.m2/repository/com/pulumi/aws")):
        pytest.skip("the pulumi-aws Java SDK is not in the local Maven repository")
    assert rr.pulumi_name_problems() == []
    bogus = rr.provider_rules()
    bogus["aws:glue/catalogTable:CatalogTable"]["forceNew"].append("partitionIndexes")
    assert any("partitionIndexes" in p for p in rr.pulumi_name_problems(bogus))
