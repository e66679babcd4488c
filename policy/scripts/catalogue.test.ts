import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../src/pack";
import { README, renderCatalogue, withCatalogue } from "./catalogue";

const POLICIES = path.resolve(__dirname, "..", "src", "policies");
const kebab = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** Every policy module under src/policies: file base name and what it exports. */
function modules(): { file: string; base: string; exports: Record<string, any> }[] {
    return fs.readdirSync(POLICIES).flatMap(dir =>
        fs
            .readdirSync(path.join(POLICIES, dir))
            .filter(f => f.endsWith(".js") && !f.endsWith(".test.js"))
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- each compiled policy module, found by walking the directory
            .map(f => ({ file: `${dir}/${f}`, base: f.replace(/\.js$/, ""), exports: require(path.join(POLICIES, dir, f)) })),
    );
}

test("each policy's name is its file's name: src/policies/<service>/<camelCaseName>.ts exports <camelCaseName>", () => {
    const found = modules().flatMap(m =>
        Object.entries(m.exports)
            .filter(([, value]) => value && typeof value === "object" && "enforcementLevel" in value && "name" in value)
            .map(([exported, policy]) => ({ ...m, exported, policy })),
    );
    assert.ok(found.length >= 25, `${found.length} policies found`);
    for (const { file, base, exported, policy } of found) {
        assert.equal(policy.name, kebab(base), `${file}: the policy is named ${policy.name}`);
        assert.equal(exported, base, `${file} exports ${exported}`);
    }
    assert.deepEqual(found.map(f => f.policy.name).sort(), policies.map(p => p.name).sort(), "the pack serves every policy module, once");
});

test("README.md's catalogue is the one rendered from the policies (run `npm run catalogue`)", () => {
    const readme = fs.readFileSync(README, "utf8");
    assert.equal(
        readme,
        withCatalogue(readme, renderCatalogue()),
        "README.md's catalogue differs from the policies: run `npm run catalogue`",
    );
    for (const policy of policies) {
        assert.ok(readme.includes(`| \`${policy.name}\` | ${policy.enforcementLevel} |`), policy.name);
    }
});
