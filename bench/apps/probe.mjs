// Preloaded (--import) into every app bench/footprint.mjs starts, Stackwise and bare alike. It adds
// no behaviour: on an IPC {type: "rss"} it forces a GC (when run with --expose-gc) and reports
// process.memoryUsage(); with BENCH_DISCORD_READY set it reports the discord.js client's ready event.
import { createRequire } from "node:module";

process.on("message", (m) => {
  if (m?.type !== "rss") return;
  const gc = globalThis.gc;
  if (gc) {
    gc();
    gc();
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
