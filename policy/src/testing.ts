// Test helpers: call a policy's validate function the way the analyzer server does, with the
// SDK's own unknown-value proxy, and collect what it reports.
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// The SDK's own proxy (internal, so not in its type declarations): the same object the analyzer
// server hands policies, which throws UnknownValueError when a policy reads an unknown value.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module, absent from the SDK's type declarations
const proxy: { unknownCheckingProxy<T>(value: T): T; unknownStringValue: string; UnknownValueError: any } = require("@pulumi/policy/proxy");
const unknownCheckingProxy = proxy.unknownCheckingProxy;

/** How the engine marks a value that is not known during preview. */
export const UNKNOWN = proxy.unknownStringValue;
export const UnknownValueError = proxy.UnknownValueError;

function configOf(policy: { configSchema?: { properties?: Record<string, any> } }, overrides: Record<string, any>): any {
    const config: Record<string, any> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema.default !== undefined) {
            config[key] = schema.default;
        }
    }
    return { ...config, ...overrides };
}

const notApplicable = (reason?: string): never => {
    throw new Error("not applicable: " + reason);
};

export function resource(type: string, name: string, props: Record<string, any>, opts: { protect?: boolean } = {}): PolicyResource {
    return {
        type,
        name,
        props: unknownCheckingProxy(props),
        urn: `urn:pulumi:test::ses-logs::${type}::${name}`,
        opts: {
            protect: opts.protect ?? false,
            ignoreChanges: [],
            aliases: [],
            additionalSecretOutputs: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    } as unknown as PolicyResource;
}

export function checkResource(
    policy: ResourceValidationPolicy,
    r: PolicyResource,
    config: Record<string, any> = {},
    provider?: object,
): string[] {
    const violations: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validate of validations) {
        validate!(
            {
                type: r.type,
                props: r.props,
                urn: r.urn,
                name: r.name,
                opts: r.opts,
                stackTags: new Map(),
                getConfig: () => configOf(policy, config),
                notApplicable,
                provider,
                isType: () => false,
                asType: () => undefined,
            } as any,
            (message: string) => violations.push(message),
        );
    }
    return violations;
}

export function checkStack(policy: StackValidationPolicy, resources: PolicyResource[], config: Record<string, any> = {}): string[] {
    const violations: string[] = [];
    policy.validateStack(
        { resources, stackTags: new Map(), getConfig: () => configOf(policy, config), notApplicable } as any,
        (message: string) => violations.push(message),
    );
    return violations;
}
