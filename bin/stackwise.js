#!/usr/bin/env node
// Thin launcher: the compiled entry point lives in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/adapters/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("stackwise: dist/ is missing. Run `npm ci` (or `npm run build`) first.");
  process.exit(1);
}
await import(entry.href);
