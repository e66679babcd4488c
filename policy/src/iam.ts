// Reading IAM policy documents, which arrive as JSON strings (or already parsed objects).

export interface Statement {
    Sid?: string;
    Effect: string;
    Principal?: string | Record<string, string | string[]>;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export function statements(document: unknown): Statement[] {
    if (document === undefined || document === null || document === "") {
        return [];
    }
    const parsed = typeof document === "string" ? JSON.parse(document) : document;
    const list = (parsed as { Statement?: Statement | Statement[] }).Statement;
    return list === undefined ? [] : Array.isArray(list) ? list : [list];
}

export function list(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether a statement has a condition on this key, under any operator. */
export function hasConditionKey(statement: Statement, key: string): boolean {
    return Object.values(statement.Condition ?? {}).some(entries => Object.keys(entries).some(k => k.toLowerCase() === key.toLowerCase()));
}
