"""Lints translated templates with cfn-lint and judges the result: any error fails, a warning fails
unless allow-list.txt lists it with a reason, informational matches (cfn-lint's I rules, included) are only printed.

Usage: python lint.py TEMPLATE.json REGION [STACK-NAME]
Prints one line per finding (rule, level, logical id, Pulumi URN, message) and a verdict line.
Exit 0 when the template passes, 1 when it fails, 2 on a usage or tool problem.
"""
from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALLOW_LIST = os.path.join(HERE, "allow-list.txt")


def read_allow_list(path: str = ALLOW_LIST) -> list[tuple[str, str, str]]:
    """Lines `RULE LOGICAL-ID-GLOB REASON...`; # starts a comment. A line without a reason is refused."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or not parts[2].strip():
                raise SystemExit(f"{path}:{number}: an allow-list entry needs a rule id, a logical id glob and a reason")
            entries.append((parts[0], parts[1], parts[2].strip()))
    return entries


def allowed(rule: str, logical_id: str, entries) -> str | None:
    for r, glob, reason in entries:
        if r == rule and fnmatch.fnmatchcase(logical_id, glob):
            return reason
    return None


def lint(template_path: str, region: str) -> list[dict]:
    cfn_lint = os.path.join(os.path.dirname(sys.executable), "cfn-lint")
    proc = subprocess.run([cfn_lint, "--format", "json", "--include-checks", "I", "--regions", region, "--", template_path],
                          capture_output=True, text=True)
    if proc.returncode & 1 or not proc.stdout.strip():  # bit 1: cfn-lint itself failed
        sys.stderr.write(proc.stderr)
        raise SystemExit(2)
    return json.loads(proc.stdout)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    template_path, region = argv[0], argv[1]
    stack = argv[2] if len(argv) == 3 else os.path.basename(template_path)
    with open(template_path, encoding="utf-8") as f:
        resources = json.load(f)["Resources"]
    entries = read_allow_list()
    errors = warnings = allowed_count = 0
    for m in lint(template_path, region):
        path = m["Location"]["Path"]
        lid = path[1] if len(path) > 1 and path[0] == "Resources" else "-"
        res = resources.get(lid, {})
        urn = res.get("Metadata", {}).get("PulumiUrn", "")
        where = "/".join(str(p) for p in path[2:])
        rule, level = m["Rule"]["Id"], m["Level"]
        reason = allowed(rule, lid, entries) if level == "Warning" else None
        if level == "Error":
            errors += 1
            verdict = "error"
        elif level == "Warning" and reason is None:
            warnings += 1
            verdict = "warning"
        elif reason is not None:
            allowed_count += 1
            verdict = f"allowed ({reason})"
        else:
            verdict = "informational"
        message = m["Message"] if len(m["Message"]) <= 240 else m["Message"][:240] + "...]"
        print(f"  {rule} {verdict}: {res.get('Type', '')} {lid} {where}: {message}"
              + (f"\n      {urn}" if urn else ""))
    ok = errors == 0 and warnings == 0
    print(f"cfn-lint {stack}: {'passed' if ok else 'FAILED'} ({errors} errors, {warnings} warnings not allowed, "
          f"{allowed_count} allowed, {len(resources)} resources)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
