#!/usr/bin/env node
// The wasmesh CLI. The generator is TypeScript run through tsx (a runtime dependency).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
