"""Compares the replacement rules of the Java simulation (ReplaceRules.java) with the AWS provider's
ForceNew / RequiresReplace paths recorded in replace-rules.json, and shows CloudFormation's
createOnlyProperties (from the registry schemas cfn-lint ships) beside them.

    python judges/replace_rules.py              # one line per disagreement, exit 1 if any
    python judges/replace_rules.py --markdown   # the comparison table of replace-rules.md
    python judges/replace_rules.py --check-pulumi-names   # every path exists in pulumi-aws's Java SDK

A disagreement is a provider path the simulation does not list (a change the simulation would
call an update while the provider replaces), or a simulation entry the provider does not mark.
Run it with the judges' venv (judges/cfn/venv) for the CloudFormation column.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JAVA = os.path.join(ROOT, "tooling", "src", "main", "java", "dev", "seslogs", "simulation", "ReplaceRules.java")


def simulation_rules(path=JAVA) -> dict:
    text = open(path, encoding="utf-8").read()
    rules = {}
    for type_, body in re.findall(r'Map\.entry\(\s*"([^"]+)",\s*Set\.of\(([^)]*)\)', text, re.S):
        rules[type_] = sorted(re.findall(r'"([^"]+)"', body))
    return rules


def provider_rules(path=os.path.join(HERE, "replace-rules.json")) -> dict:
    return json.load(open(path, encoding="utf-8"))["resources"]


def create_only(cfn_type):
    if not cfn_type:
        return None
    try:
        from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    except ImportError:
        return None
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", cfn_type).schema
    return [p.replace("/properties/", "").replace("/", ".") for p in schema.get("createOnlyProperties", [])]


def used_inputs() -> dict:
    """Top-level inputs the program sets, per type, in every preview at hand (committed fixtures and judges/run's)."""
    import glob
    used = {}
    for f in glob.glob(os.path.join(ROOT, "policy", "test-fixtures", "previews", "*.json")) + \
            glob.glob(os.path.join(ROOT, "target", "judges", "previews", "*.json")):
        for step in json.load(open(f, encoding="utf-8")).get("steps", []):
            state = step["newState"]
            used.setdefault(state["type"], set()).update((state.get("inputs") or {}).keys())
    return used


def covered(path, ours):
    """A nested provider path is covered when the simulation replaces on it or on one of its parents."""
    parts = path.split(".")
    return any(".".join(parts[:i]) in ours for i in range(1, len(parts) + 1))


def compare(provider=None, simulation=None, used=None):
    provider = provider or provider_rules()
    simulation = simulation if simulation is not None else simulation_rules()
    used = used if used is not None else used_inputs()
    rows, problems = [], []
    for type_ in sorted(set(provider) | set(simulation)):
        p = provider.get(type_)
        ours = simulation.get(type_, [])
        theirs = p["forceNew"] if p else None
        missing = sorted(path for path in (theirs or []) if not covered(path, ours))
        extra = sorted(set(ours) - set(theirs or [])) if theirs is not None else []
        if p is None:
            problems.append(f"{type_}: in ReplaceRules.java but not in replace-rules.json (provider source not read)")
        for path in missing:
            kind = "nested " if "." in path else ""
            unused = "" if path.split(".")[0] in used.get(type_, set()) else " (an input the program does not set today)"
            problems.append(f"{type_}: provider replaces on {kind}{path}; ReplaceRules.java does not list it{unused}")
        for path in extra:
            problems.append(f"{type_}: ReplaceRules.java replaces on {path}; the provider updates it in place")
        rows.append((type_, p, ours, missing, extra))
    return rows, problems


def markdown(rows) -> str:
    out = ["| Pulumi type | provider ForceNew / RequiresReplace | CloudFormation createOnlyProperties | ReplaceRules.java | disagreement |",
           "|---|---|---|---|---|"]
    for type_, p, ours, missing, extra in rows:
        cfn_type = (p or {}).get("cloudFormation")
        co = create_only(cfn_type)
        if not cfn_type and type_.startswith("aws:s3/bucket"):
            cfn = "folded into AWS::S3::Bucket"
        elif not cfn_type and type_.startswith("aws:sesv2/emailIdentity"):
            cfn = "folded into AWS::SES::EmailIdentity"
        else:
            cfn = "no CloudFormation type" if not cfn_type else f"{cfn_type}: " + (", ".join(co) if co else "none")
        if type_ == "aws:cloudwatch/eventTarget:EventTarget":
            cfn = "Targets of AWS::Events::Rule (no createOnlyProperties of its own)"
        diff = "; ".join([f"missing {m}" for m in missing] + [f"extra {x}" for x in extra]) or "-"
        out.append(f"| `{type_}` | {', '.join(p['forceNew']) if p and p['forceNew'] else ('none' if p else 'not read')} | {cfn} | "
                   f"{', '.join(ours) or 'none'} | {diff} |")
    return "\n".join(out)


def pulumi_name_problems(provider=None) -> list:
    """Paths of replace-rules.json that are not inputs of the pulumi-aws Java SDK the program builds with
    (its *Args classes in the local Maven repository; needs `javap`)."""
    import re
    import subprocess
    import tempfile
    import zipfile
    version = re.search(r"<pulumi-aws\.version>([^<]+)</pulumi-aws\.version>",
                        open(os.path.join(ROOT, "pom.xml"), encoding="utf-8").read())
    if not version:
        return ["pom.xml names no com.pulumi:aws version"]
    jar = os.path.expanduser(f"~/.m2/repository/com/pulumi/aws/{version.group(1)}/aws-{version.group(1)}.jar")
    if not os.path.exists(jar):
        return [f"com.pulumi:aws {version.group(1)} is not in the local Maven repository (build the jar first)"]
    archive, problems = zipfile.ZipFile(jar), []
    provider = provider or provider_rules()
    modules = {type_.split(":", 1)[1].split("/", 1)[0] for type_ in provider}
    entries = [n for n in archive.namelist() if n.endswith("Args.class")
               and n.split("/")[3] in modules and n.count("/") in (4, 5)]
    fields = {}
    with tempfile.TemporaryDirectory() as classes:
        for entry in entries:
            archive.extract(entry, classes)
        # One javap for every input class of the modules involved: one JVM, not one per class.
        out = subprocess.run(["javap", "-p", "-cp", classes] + [e[:-6].replace("/", ".") for e in entries],
                             capture_output=True, text=True).stdout
    current = None
    for line in out.splitlines():
        header = re.match(r"(?:public )?(?:final )?class ([\w.]+)", line)
        if header:
            current = fields.setdefault(header.group(1), {})
            continue
        field = re.match(r"\s*private (?:final )?[\w.]+<(.+)> (\w+);", line)
        if field and current is not None:
            current[field.group(2)] = field.group(1)
    for type_, rule in sorted(provider.items()):
        module, rest = type_.split(":", 1)[1].split("/", 1)
        for path in rule["forceNew"]:
            cls = f"com.pulumi.aws.{module}.{rest.split(':')[1]}Args"
            for part in path.split("."):
                known = fields.get(cls) if cls else None
                if not known or part not in known:
                    problems.append(f"{type_}: {path} is not an input of pulumi-aws {version.group(1)} ({part} not in {cls})")
                    break
                nested = re.search(r"(com\.pulumi\.aws\.[\w.]+Args)", known[part])
                cls = nested.group(1) if nested else None
    return problems


def main(argv):
    if "--check-pulumi-names" in argv:
        problems = pulumi_name_problems()
        for line in problems:
            print("  " + line)
        print(f"replace-rules names: {'passed' if not problems else 'FAILED'} ({len(problems)} paths not found)")
        return 1 if problems else 0
    rows, problems = compare()
    if "--markdown" in argv:
        print(markdown(rows))
        return 0
    for line in problems:
        print("  " + line)
    print(f"replace-rules: {'passed' if not problems else 'FAILED'} ({len(problems)} disagreements between ReplaceRules.java "
          f"and the provider source over {len(rows)} resource types)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
