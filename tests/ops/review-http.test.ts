import { afterEach, describe, expect, it } from "vitest";
import { createOpsHandler, type OpsServer, startOpsServer } from "../../adapters/http/ops.js";
import { loadReview } from "../../src/feedback/review.js";
import { Metrics } from "../../src/runtime/metrics.js";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";

const TOKEN = "review-token-0123456789";

describe("GET /review on the operations server", () => {
  let server: OpsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(token: string | undefined) {
    const feedback = new MemoryFeedbackStore();
    const handler = createOpsHandler({
      store: new MemoryStore(),
      metrics: new Metrics(),
      platforms: { expected: [], running: [] },
      review: { token, load: (days) => loadReview(feedback, days) },
    });
    server = await startOpsServer(handler, 0, "127.0.0.1");
    const base = `http://127.0.0.1:${server.port}`;
    return (path: string, headers: Record<string, string> = {}, method = "GET") =>
      fetch(`${base}${path}`, { headers, method });
  }

  it("is off without REVIEW_TOKEN: 404 whatever is sent", async () => {
    const get = await start(undefined);
    expect((await get("/review", { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401 and a basic-auth challenge", async () => {
    const get = await start(TOKEN);
    const none = await get("/review");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect(none.headers.get("cache-control")).toBe("no-store");
    expect((await get("/review", { authorization: "Bearer not-the-token" })).status).toBe(401);
    const basic = Buffer.from("editor:not-the-token").toString("base64");
    expect((await get("/review", { authorization: `Basic ${basic}` })).status).toBe(401);
  });

  it("serves the page to a bearer token or a basic-auth password: uncached, unindexed, no script", async () => {
    const get = await start(TOKEN);
    for (const authorization of [
      `Bearer ${TOKEN}`,
      `Basic ${Buffer.from(`anyone:${TOKEN}`).toString("base64")}`,
    ]) {
      const res = await get("/review?days=7", { authorization });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
      const html = await res.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toContain("The last 7 days");
      expect(html).not.toMatch(/<script/i);
    }
    expect((await get("/review?days=0", { authorization: `Bearer ${TOKEN}` })).status).toBe(400);
    expect((await get("/review", { authorization: `Bearer ${TOKEN}` }, "HEAD")).status).toBe(200);
  });
});
