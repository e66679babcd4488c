// Checks a `pulumi preview --json` document (or the offline preview's) with this policy pack,
// through the pack's own analyzer server, the way the Pulumi engine does: start the pack with
// @pulumi/pulumi's run-policy-pack, read the port it prints, then GetAnalyzerInfo, Configure,
// Analyze for every resource and AnalyzeStack once over gRPC. Prints violations as the CLI does
// and exits 1 on any mandatory one.
//   node dist/scripts/check-preview.js <preview.json> [--config policy-config.json]
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";

/* eslint-disable @typescript-eslint/no-require-imports -- generated protobuf modules without type declarations */
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb.js");
const structPb = require("google-protobuf/google/protobuf/struct_pb.js");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
/* eslint-enable @typescript-eslint/no-require-imports */

export const PACK_DIRECTORY = path.resolve(__dirname, "..", "..");

export interface PreviewResource {
    type: string;
    urn: string;
    name: string;
    custom: boolean;
    inputs: Record<string, unknown>;
    parent?: string;
    protect: boolean;
    dependencies: string[];
    /** Per input, the resources its value came from: how policies link a bucket to its policy while ids are unknown. */
    propertyDependencies: Record<string, string[]>;
    /** The provider reference, `<provider URN>::<id>`. */
    provider?: string;
}

export interface Violation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
    urn: string;
}

/** The resources a preview declares: every step but deletes, with its new state (pulumi/pulumi display.PreviewStep). */
export function resourcesOf(preview: any): PreviewResource[] {
    const steps: any[] = preview.steps ?? [];
    return steps
        .filter(step => step.op !== "delete" && step.op !== "discard" && step.newState)
        .map(step => {
            const state = step.newState;
            const urn: string = state.urn ?? step.urn;
            return {
                type: state.type,
                urn,
                name: urn.substring(urn.lastIndexOf("::") + 2),
                custom: state.custom === true,
                inputs: state.inputs ?? {},
                parent: state.parent,
                protect: state.protect === true,
                dependencies: state.dependencies ?? [],
                propertyDependencies: state.propertyDependencies ?? {},
                provider: state.provider ?? step.provider,
            };
        });
}

function analyzerResource(resource: PreviewResource, message: any): any {
    message.setType(resource.type);
    message.setUrn(resource.urn);
    message.setName(resource.name);
    message.setProperties(structPb.Struct.fromJavaScript(resource.inputs));
    const options = new analyzerPb.AnalyzerResourceOptions();
    options.setProtect(resource.protect);
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    message.setOptions(options);
    return message;
}

function startPack(): Promise<{ child: ChildProcess; port: number }> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js", { paths: [PACK_DIRECTORY] });
    // The engine passes its own address first; the pack only uses it for logging.
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", PACK_DIRECTORY], {
        cwd: PACK_DIRECTORY,
        stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
        let output = "";
        let errors = "";
        const timer = setTimeout(() => reject(new Error("the policy pack printed no port within 30 s: " + errors)), 30_000);
        child.stderr!.on("data", chunk => {
            errors += chunk;
        });
        child.stdout!.on("data", chunk => {
            output += chunk;
            const line = output.split("\n")[0].trim();
            if (output.includes("\n") && /^\d+$/.test(line)) {
                clearTimeout(timer);
                resolve({ child, port: Number(line) });
            }
        });
        child.on("exit", code => {
            clearTimeout(timer);
            reject(new Error(`the policy pack exited (${code}) before serving: ${errors}`));
        });
    });
}

function call<T>(client: any, method: string, request: any): Promise<T> {
    return new Promise((resolve, reject) =>
        client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))),
    );
}

const LEVELS: Record<number, Violation["enforcementLevel"]> = {};
for (const [name, value] of Object.entries(analyzerPb.EnforcementLevel as Record<string, number>)) {
    LEVELS[value] = name.toLowerCase() as Violation["enforcementLevel"];
}

function violationsOf(response: any): Violation[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        urn: d.getUrn(),
    }));
}

/** Runs the pack over the preview's resources, as the engine would during `pulumi preview --policy-pack`. */
export async function check(preview: any, config: Record<string, any> = {}): Promise<Violation[]> {
    const pack = await openPack(config);
    try {
        return await pack.check(preview);
    } finally {
        pack.close();
    }
}

/** One running pack for many documents (a test set): the pack starts once, as in one engine run. */
export async function openPack(config: Record<string, any> = {}): Promise<{ check(preview: any): Promise<Violation[]>; close(): void }> {
    const { child, port } = await startPack();
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
        const info: any = await call(client, "getAnalyzerInfo", new emptyPb.Empty());
        // Like the engine: a policy's entry without enforcementLevel keeps the pack's own level.
        const defaultLevels = new Map<string, number>(info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]));
        if (Object.keys(config).length > 0) {
            const request = new analyzerPb.ConfigureAnalyzerRequest();
            for (const [policy, settings] of Object.entries(config)) {
                const policyConfig = new analyzerPb.PolicyConfig();
                const { enforcementLevel, ...properties } = settings as Record<string, any>;
                if (!defaultLevels.has(policy)) {
                    throw new Error(`the policy configuration names ${policy}, which is not a policy of this pack`);
                }
                policyConfig.setEnforcementlevel(
                    enforcementLevel ? analyzerPb.EnforcementLevel[String(enforcementLevel).toUpperCase()] : defaultLevels.get(policy),
                );
                policyConfig.setProperties(structPb.Struct.fromJavaScript(properties));
                request.getPolicyconfigMap().set(policy, policyConfig);
            }
            await call(client, "configure", request);
        }
    } catch (e) {
        client.close();
        child.kill();
        throw e;
    }
    return {
        check: preview => analyze(client, preview),
        close: () => {
            client.close();
            child.kill();
        },
    };
}

async function analyze(client: any, preview: any): Promise<Violation[]> {
    const resources = resourcesOf(preview);
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const violations: Violation[] = [];
    // The engine analyzes custom resources one by one as it plans them...
    for (const resource of resources.filter(r => r.custom)) {
        const request = analyzerResource(resource, new analyzerPb.AnalyzeRequest());
        // The engine sends the resource's provider, whose inputs (region, allowedAccountIds) policies may read.
        const provider = resource.provider ? byUrn.get(resource.provider.substring(0, resource.provider.lastIndexOf("::"))) : undefined;
        if (provider) {
            request.setProvider(
                new analyzerPb.AnalyzerProviderResource()
                    .setType(provider.type)
                    .setUrn(provider.urn)
                    .setName(provider.name)
                    .setProperties(structPb.Struct.fromJavaScript(provider.inputs)),
            );
        }
        const found = violationsOf(await call(client, "analyze", request));
        // A resource policy's diagnostic names no URN: the engine knows which resource it asked about.
        violations.push(...found.map(v => ({ ...v, urn: v.urn || resource.urn })));
    }
    // ...and the whole stack, components included, once at the end.
    const stackRequest = new analyzerPb.AnalyzeStackRequest();
    stackRequest.setResourcesList(
        resources.map(resource => {
            const message = analyzerResource(resource, new analyzerPb.AnalyzerResource());
            if (resource.parent) {
                message.setParent(resource.parent);
            }
            message.setDependenciesList(resource.dependencies);
            for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
                message.getPropertydependenciesMap().set(property, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
            }
            return message;
        }),
    );
    violations.push(...violationsOf(await call(client, "analyzeStack", stackRequest)));
    return violations;
}

/** The CLI's policy section of a preview. */
export function render(violations: Violation[], resources: PreviewResource[]): string {
    if (violations.length === 0) {
        return "Policies:\n    ses-logs: no violations\n";
    }
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const lines = ["Policy Violations:"];
    for (const v of violations) {
        const resource = byUrn.get(v.urn);
        const where = resource ? `(${resource.type}: ${resource.name})` : "(stack)";
        lines.push(`    [${v.enforcementLevel}]  ${v.policyPackName}@v${v.policyPackVersion}  ${v.policyName}  ${where}`);
        // The SDK's message is the policy's description, then what was found.
        v.message.split("\n").forEach(line => lines.push(`    ${line}`));
        lines.push("");
    }
    const mandatory = violations.filter(v => v.enforcementLevel === "mandatory").length;
    lines.push(`${mandatory} mandatory, ${violations.length - mandatory} other policy violation(s)`);
    return lines.join("\n") + "\n";
}

async function main(args: string[]): Promise<number> {
    const file = args[0];
    if (!file) {
        console.error("usage: check-preview <preview.json> [--config policy-config.json]");
        return 2;
    }
    const configIndex = args.indexOf("--config");
    const config = configIndex >= 0 ? JSON.parse(fs.readFileSync(args[configIndex + 1], "utf8")) : {};
    const preview = JSON.parse(fs.readFileSync(file, "utf8"));
    const violations = await check(preview, config);
    process.stdout.write(render(violations, resourcesOf(preview)));
    return violations.some(v => v.enforcementLevel === "mandatory") ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        code => process.exit(code),
        error => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(2);
        },
    );
}
