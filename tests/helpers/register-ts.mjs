// Lets a plain `node` child process run the project's TypeScript sources (no build step), with
// the transpiled output cached on disk: node --import ./tests/helpers/register-ts.mjs adapters/main.ts
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
