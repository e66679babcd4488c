// An exact reader of the IAM statement shapes this pack reasons about: it answers whether a
// statement applies to a request (Principal/NotPrincipal, Action/NotAction, Resource/NotResource,
// and the condition operators AWS documents), so policies judge what a document does rather than
// how it looks. Written here instead of using @cloud-copilot/iam-simulate (AGPL-3.0, kept out of
// the pack's runtime): a policy pack runs inside every `pulumi preview` of the project, and this
// pack only needs one thing the simulator does not offer either: requests whose values are partly
// unknown ("some principal of account X", "any other key"), answered with true, false or maybe.
import { list, Statement } from "./iam";

/** A request value that is only partly known: some ARN in this account (its other fields may be anything). */
export interface ArnInAccount {
    arnInAccount: string;
}
/** The request does not carry this key at all (as opposed to a key left out of the probe, which is unknown). */
export const ABSENT = { absent: true } as const;
export type ContextValue = string | ArnInAccount | typeof ABSENT;

export type Tri = true | false | "maybe";

export interface Probe {
    /** Who calls: an IAM principal ARN, a service principal, or "*" for anonymous. */
    principal: { AWS: string } | { Service: string } | "*";
    action: string;
    /** The resource ARN; undefined for "the resource this resource policy is attached to". */
    resource?: string;
    /** Keys the request is known to carry (or lack); any other key may have any value. */
    context: Record<string, ContextValue>;
}

const and = (values: Tri[]): Tri => (values.includes(false) ? false : values.every(v => v === true) ? true : "maybe");
const or = (values: Tri[]): Tri => (values.includes(true) ? true : values.every(v => v === false) ? false : "maybe");
const not = (value: Tri): Tri => (value === "maybe" ? "maybe" : !value);

function globRegExp(pattern: string, flags = ""): RegExp {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, flags);
}

/** IAM's wildcard match: `*` any run of characters, `?` one character. */
export function glob(pattern: string, value: string, ignoreCase = false): boolean {
    return globRegExp(pattern, ignoreCase ? "i" : "").test(value);
}

/** The six fields of an ARN (the resource keeps its colons), or undefined for anything else. */
export function arnFields(arn: string): string[] | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" ? [...parts.slice(0, 5), parts.slice(5).join(":")] : undefined;
}

/** ArnLike: field by field, so a wildcard in one field never spans into the next. */
export function arnLike(pattern: string, arn: string): boolean {
    const p = arnFields(pattern);
    const a = arnFields(arn);
    if (p === undefined && pattern.startsWith("arn:") && a !== undefined) {
        return false; // fewer fields than an ARN: no field-by-field match exists
    }
    if (p === undefined || a === undefined) {
        return glob(pattern, arn);
    }
    return p.every((field, i) => glob(field, a[i]));
}

export function accountOf(principal: string): string | undefined {
    return /^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

function principalMatches(element: unknown, principal: Probe["principal"]): boolean {
    if (element === "*") {
        return true;
    }
    const entries = Object.entries((element ?? {}) as Record<string, string | string[]>);
    return entries.some(([kind, values]) =>
        list(values).some(value => {
            if (kind === "AWS") {
                if (value === "*") {
                    return true; // {"AWS": "*"} is "*": AWS documents the two as the same
                }
                if (principal === "*" || !("AWS" in principal)) {
                    return false;
                }
                const account = accountOf(principal.AWS);
                return value === principal.AWS || value === account || value === `arn:aws:iam::${account}:root`;
            }
            return kind === "Service" && principal !== "*" && "Service" in principal && value === principal.Service;
        }),
    );
}

const NEGATED = /^(StringNot|ArnNot|NumericNotEquals|DateNotEquals)/;

function compare(operator: string, pattern: string, value: ContextValue): Tri {
    if (typeof value === "object" && "arnInAccount" in value) {
        // Only the account is known: the pattern can match iff its account field admits this account.
        const fields = arnFields(pattern);
        if (fields === undefined) {
            return pattern.includes("*") || pattern.includes("?") ? "maybe" : false;
        }
        if (fields[4] === "") {
            // Account-less ARNs (S3 buckets) name a globally unique resource: only a wildcard reaches another account's.
            return /[*?]/.test(fields[5]) ? "maybe" : false;
        }
        const like = /Like$/.test(operator);
        return (like ? glob(fields[4], value.arnInAccount) : fields[4] === value.arnInAccount) ? "maybe" : false;
    }
    const text = String(value);
    const base = operator.replace(NEGATED, m => m.replace("Not", ""));
    switch (base) {
        case "StringEquals":
        case "ArnEquals":
            return text === pattern;
        case "StringEqualsIgnoreCase":
            return text.toLowerCase() === pattern.toLowerCase();
        case "StringLike":
            return glob(pattern, text);
        case "ArnLike":
            return arnLike(pattern, text);
        case "Bool":
            return text.toLowerCase() === String(pattern).toLowerCase();
        case "NumericEquals":
            return Number(text) === Number(pattern);
        case "NumericLessThan":
            return Number(text) < Number(pattern);
        case "NumericLessThanEquals":
            return Number(text) <= Number(pattern);
        case "NumericGreaterThan":
            return Number(text) > Number(pattern);
        case "NumericGreaterThanEquals":
            return Number(text) >= Number(pattern);
        default:
            return "maybe"; // dates, IP addresses, binary: not values this pack's probes carry
    }
}

function lookup(context: Record<string, ContextValue>, key: string): ContextValue | undefined {
    const found = Object.keys(context).find(k => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : context[found];
}

function conditionHolds(condition: Statement["Condition"], context: Record<string, ContextValue>): Tri {
    const results: Tri[] = [];
    for (const [qualified, entries] of Object.entries(condition ?? {})) {
        const setOperator = /^(ForAnyValue|ForAllValues):/.exec(qualified)?.[1];
        const ifExists = /IfExists$/.test(qualified);
        const operator = qualified.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
        for (const [key, raw] of Object.entries(entries ?? {})) {
            const patterns = list(raw as string | string[]).map(String);
            const value = lookup(context, key);
            if (value === undefined) {
                results.push("maybe");
            } else if (value === ABSENT) {
                results.push(
                    operator === "Null"
                        ? patterns.some(p => p === "true")
                        : ifExists || setOperator === "ForAllValues" || NEGATED.test(operator),
                );
            } else if (operator === "Null") {
                results.push(patterns.some(p => p === "false"));
            } else {
                const matched = or(patterns.map(p => compare(operator, p, value)));
                results.push(NEGATED.test(operator) ? not(matched) : matched);
            }
        }
    }
    return and(results);
}

/** Whether the statement applies to the request (true), cannot (false), or does for some values of the unknowns. */
export function applies(statement: Statement, probe: Probe): Tri {
    const s = statement as Statement & { NotPrincipal?: unknown; NotResource?: string | string[] };
    const principal =
        s.Principal !== undefined
            ? principalMatches(s.Principal, probe.principal)
            : s.NotPrincipal !== undefined
              ? !principalMatches(s.NotPrincipal, probe.principal)
              : true;
    const action =
        s.Action !== undefined
            ? list(s.Action).some(a => glob(a, probe.action, true))
            : s.NotAction !== undefined
              ? !list(s.NotAction).some(a => glob(a, probe.action, true))
              : false;
    const resource =
        probe.resource === undefined
            ? true
            : s.Resource !== undefined
              ? list(s.Resource).some(r => arnLike(r, probe.resource!))
              : s.NotResource !== undefined
                ? !list(s.NotResource).some(r => arnLike(r, probe.resource!))
                : true;
    if (!principal || !action || !resource) {
        return false;
    }
    return conditionHolds(s.Condition, probe.context);
}

/** Denied for certain: a Deny statement applies whatever the unknowns are. */
export function certainlyDenied(statements: Statement[], probe: Probe): boolean {
    return statements.some(s => s.Effect === "Deny" && applies(s, probe) === true);
}

/** The Allow statements that may grant the request, unless a Deny certainly refuses it. */
export function mayAllow(statements: Statement[], probe: Probe): Statement[] {
    if (certainlyDenied(statements, probe)) {
        return [];
    }
    return statements.filter(s => s.Effect === "Allow" && applies(s, probe) !== false);
}

/** An account id not in `own`, for "some other account" probes. */
export function foreignAccount(own: Iterable<string>): string {
    const taken = new Set(own);
    let n = 0;
    while (taken.has(String(n).padStart(12, "0"))) {
        n++;
    }
    return String(n).padStart(12, "0");
}

/** An arbitrary principal of the account: a grant to a named role does not reach it, one to the account does. */
export function anyPrincipalOf(account: string): Probe["principal"] {
    return { AWS: `arn:aws:iam::${account}:role/zz-probe-arbitrary-principal` };
}

/** The request context of an IAM principal of `account` calling directly. */
export function principalContext(account: string, principal: Probe["principal"]): Record<string, ContextValue> {
    return {
        "aws:PrincipalAccount": account,
        "aws:PrincipalArn": principal !== "*" && "AWS" in principal ? principal.AWS : { arnInAccount: account },
        "aws:PrincipalOrgID": "o-zzprobeforeign",
        "aws:SourceAccount": ABSENT,
        "aws:SourceArn": ABSENT,
        "aws:SourceOwner": ABSENT,
        "aws:SourceOrgID": ABSENT,
    };
}

/** The request context of a service acting for a resource of `account` (the confused-deputy case). */
export function serviceContext(account: string): Record<string, ContextValue> {
    return {
        "aws:SourceAccount": account,
        "aws:SourceOwner": account,
        "aws:SourceArn": { arnInAccount: account },
        "aws:SourceOrgID": "o-zzprobeforeign",
        "sts:ExternalId": account,
        "aws:PrincipalAccount": ABSENT,
        "aws:PrincipalArn": ABSENT,
        "aws:PrincipalOrgID": ABSENT,
    };
}

/**
 * Whether a resource pattern reaches resources nobody can know the stack owns: a wildcard in the
 * partition, service, region or account, or in the name that identifies the resource (the bucket
 * of an S3 ARN, the log group of a logs ARN, the whole resource elsewhere). A wildcard below that
 * name (objects in a named bucket, streams in a named log group) stays inside the resource.
 */
export function reachesUnowned(pattern: string): boolean {
    const wild = (text: string) => /[*?]/.test(text);
    const fields = arnFields(pattern);
    if (fields === undefined) {
        return wild(pattern);
    }
    const [, partition, service, region, account, resource] = fields;
    if ([partition, service, region, account].some(wild)) {
        return true;
    }
    const owner =
        service === "s3" ? resource.split("/")[0] : service === "logs" ? (/^(log-group:[^:]*)/.exec(resource)?.[1] ?? resource) : resource;
    return wild(owner);
}
