// Preloaded (--import) into every app bench/footprint.mjs starts, Stackwise and bare alike. It adds
// no behaviour: on an IPC {type: "rss"} it forces a GC (when run with --expose-gc), lets it settle
// and reports process.memoryUsage(); with BENCH_DISCORD_READY set it reports the discord.js client's
// ready event.
import { createRequire } from "node:module";

// V8 hands freed pages back to the system on a background thread after a collection, so RSS read
// right after gc() still counts memory being released (seen here: 203 MiB at once, 126 MiB a second
// later, same process). Settle first: collect, wait, collect again, wait, then read.
const SETTLE_MS = 1000;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

process.on("message", async (m) => {
  if (m?.type !== "rss") return;
  const gc = globalThis.gc;
  for (let i = 0; i < 2; i++) {
    if (gc) {
      gc();
      gc();
    }
    await pause(SETTLE_MS / 2);
  }
  const u = process.memoryUsage();
  process.send({ type: "rss", rss: u.rss, heapUsed: u.heapUsed, external: u.external, gc: Boolean(gc) });
});

if (process.env.BENCH_DISCORD_READY) {
  const require = createRequire(import.meta.url);
  const { Client } = require("discord.js");
  const emit = Client.prototype.emit;
  let told = false;
  Client.prototype.emit = function (event, ...args) {
    if (!told && (event === "clientReady" || event === "ready")) {
      told = true;
      process.send({ type: "ready" });
    }
    return emit.call(this, event, ...args);
  };
}
