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
    for (const value of new Set(named)) {
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
