// The policy pack as the Pulumi engine loads it. Constructing a PolicyPack starts the analyzer
// gRPC server at once, so tests import src/pack.ts, never this file.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./src/pack";

new PolicyPack("ses-logs", { policies });
