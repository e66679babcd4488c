// Who may act through a resource policy or a role's trust policy, found by asking the documents
// the questions that matter (src/evaluate.ts): may an arbitrary principal of another account, or a
// service acting for another account's resource, get through?
import { list, Statement } from "./iam";
import { accountOf, anyPrincipalOf, foreignAccount, mayAllow, principalContext, Probe, serviceContext } from "./evaluate";

/** The accounts a stack deploys into: its provider's allowedAccountIds (a JSON string in provider inputs). */
export function ownAccounts(provider: { props?: Record<string, any> } | undefined): string[] {
    const configured = provider?.props?.allowedAccountIds;
    const parsed = typeof configured === "string" && configured.startsWith("[") ? JSON.parse(configured) : configured;
    return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** The provider's default tags (a JSON string `{"tags": {...}}` in provider inputs). */
export function providerDefaultTags(provider: { props?: Record<string, any> } | undefined): Record<string, string> {
    const configured = provider?.props?.defaultTags;
    const parsed = typeof configured === "string" && configured.startsWith("{") ? JSON.parse(configured) : configured;
    return parsed?.tags && typeof parsed.tags === "object" ? parsed.tags : {};
}

export interface ForeignGrant {
    statement: Statement;
    /** "everyone": the statement's principal is '*'; "account": an IAM principal of another account; "service": a service for another account. */
    kind: "everyone" | "account" | "service";
    /** The account or service that gets through. */
    who: string;
}

const wildcardPrincipal = (s: Statement) =>
    s.Principal === "*" || (typeof s.Principal === "object" && list(s.Principal.AWS as any).includes("*"));

/**
 * The Allow statements that let another account in. `services`: the service principals to try as
 * confused deputies (every service the document names when undefined).
 */
export function foreignGrants(statements: Statement[], own: Iterable<string>, services?: string[]): ForeignGrant[] {
    const owned = new Set(own);
    const stranger = foreignAccount(owned);
    const allows = statements.filter(s => s.Effect === "Allow");
    const probes: { principal: Probe["principal"]; context: Probe["context"]; kind: ForeignGrant["kind"]; who: string }[] = [
        {
            principal: anyPrincipalOf(stranger),
            context: principalContext(stranger, anyPrincipalOf(stranger)),
            kind: "account",
            who: stranger,
        },
    ];
    const named = allows.flatMap(s => (typeof s.Principal === "object" ? list(s.Principal.AWS as any) : []) as string[]);
    // Accounts admitted by a condition instead of by name (Principal "*" narrowed to a list of
    // accounts, as an archive admits its members): each is probed as any principal of it.
    const admittedByCondition = allows.flatMap(s =>
        Object.values(s.Condition ?? {}).flatMap(entries =>
            Object.entries(entries)
                .filter(([key]) => ["aws:principalaccount", "kms:calleraccount"].includes(key.toLowerCase()))
                .flatMap(([, values]) => list(values as any)),
        ),
    );
    for (const value of new Set([...named, ...admittedByCondition.map(account => `arn:aws:iam::${account}:root`)])) {
        const account = accountOf(value);
        if (account !== undefined && !owned.has(account)) {
            // A named role is that role; an account or its root is any principal the account lets through.
            const principal = /:(role|user)\//.test(value) ? { AWS: value } : anyPrincipalOf(account);
            probes.push({ principal, context: principalContext(account, principal), kind: "account", who: account });
        }
    }
    const namedServices = allows.flatMap(s => (typeof s.Principal === "object" ? list(s.Principal.Service as any) : []) as string[]);
    const tried = [...new Set([...namedServices, "zz-probe.amazonaws.com"])].filter(
        s => services === undefined || services.includes(s) || s.startsWith("zz-probe"),
    );
    for (const service of tried) {
        probes.push({ principal: { Service: service }, context: serviceContext(stranger), kind: "service", who: service });
    }
    const grants: ForeignGrant[] = [];
    for (const statement of allows) {
        const actions = statement.Action !== undefined ? list(statement.Action) : ["zz:ProbeAction"];
        for (const probe of probes) {
            const through = actions.some(action =>
                mayAllow(statements, { principal: probe.principal, action, context: probe.context }).includes(statement),
            );
            if (through) {
                const kind = wildcardPrincipal(statement) ? "everyone" : probe.kind;
                if (!grants.some(g => g.statement === statement && g.kind === kind && g.who === probe.who)) {
                    grants.push({ statement, kind, who: probe.who });
                }
            }
        }
    }
    // One finding per statement and kind: "everyone" already says what every probe found.
    return grants.filter(
        (g, i) => g.kind !== "everyone" || grants.findIndex(o => o.statement === g.statement && o.kind === "everyone") === i,
    );
}

const DATA_KEY_USE = new Set(["kms:Decrypt", "kms:GenerateDataKey*"]);

/**
 * A key-policy statement in exactly a shape the publishing service's own guide documents for
 * encrypted SNS topics, which the confused-deputy probe cannot judge alone. Nothing wider passes:
 * - SES (SES guide, encrypted feedback topics): `ses.amazonaws.com`, data-key use only, no
 *   condition (whether SES sends a source key to KMS is not documented);
 * - EventBridge (SNS guide, key management: `aws:SourceAccount`, `aws:SourceArn` and
 *   `aws:SourceOrgID` are not supported for EventBridge-to-encrypted-topic delivery):
 *   `events.amazonaws.com`, data-key use only, through SNS of one region (`kms:ViaService`) and only
 *   for named topics of this stack's accounts (`kms:EncryptionContext:aws:sns:topicArn`, no wildcard).
 * Returns the guide's name, or undefined when the statement is not one of these shapes.
 */
export function documentedKeyGrant(statement: Statement, own: Iterable<string>): string | undefined {
    const owned = new Set(own);
    const principal = statement.Principal;
    if (statement.Effect !== "Allow" || typeof principal !== "object" || Object.keys(principal).length !== 1) {
        return undefined;
    }
    const services = list(principal.Service as any);
    const actions = list(statement.Action);
    const keyItself = list(statement.Resource).length === 1 && list(statement.Resource)[0] === "*";
    if (services.length !== 1 || !keyItself || actions.length === 0 || !actions.every(a => DATA_KEY_USE.has(a))) {
        return undefined;
    }
    if (services[0] === "ses.amazonaws.com" && statement.Condition === undefined) {
        return "the SES guide's statement for encrypted feedback topics";
    }
    if (services[0] !== "events.amazonaws.com") {
        return undefined;
    }
    const condition = statement.Condition ?? {};
    const equals = condition.StringEquals ?? {};
    if (Object.keys(condition).length !== 1 || Object.keys(equals).length !== 2) {
        return undefined;
    }
    const via = list(equals["kms:ViaService"] as any);
    const topics = list(equals["kms:EncryptionContext:aws:sns:topicArn"] as any);
    const region = via.length === 1 ? /^sns\.([a-z0-9-]+)\.amazonaws\.com$/.exec(via[0])?.[1] : undefined;
    const ownTopic = (arn: string) => {
        const parts = arn.split(":");
        return parts.length === 6 && parts[2] === "sns" && parts[3] === region && owned.has(parts[4]) && /^[A-Za-z0-9_-]+$/.test(parts[5]);
    };
    return region !== undefined && topics.length > 0 && topics.every(ownTopic)
        ? "the SNS guide's statement for EventBridge to encrypted topics"
        : undefined;
}
