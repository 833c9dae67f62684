/**
 * GET /review on the ops server: the editors' review as one server-rendered HTML page (no
 * front-end framework, no script at all), with the daily counts as an inline SVG bar chart.
 * Protected by REVIEW_TOKEN, as a bearer token (`Authorization: Bearer <token>`) or as the
 * password of HTTP basic auth (RFC 7617; any user name). Without REVIEW_TOKEN the page is off
 * (404); a missing or wrong token gets 401. Never cached, never indexed.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import {
  dayOf as day,
  intentsTable,
  minuteOf as minute,
  type ReviewReport,
  type ReviewTable,
  reviewTotals,
  unansweredTable,
} from "../../src/index.js";

/** What /review needs from the composition root. */
export interface ReviewDeps {
  /** REVIEW_TOKEN; undefined turns the page off. */
  token: string | undefined;
  /** The report of the last `days` days. */
  load(days: number): Promise<ReviewReport>;
}

/** Headers of every /review answer: private, uncached, unindexed, and no script may run. */
export const REVIEW_HEADERS: Record<string, string> = {
  "cache-control": "no-store",
  "x-robots-tag": "noindex, nofollow",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const querySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** Serves GET /review. */
export async function serveReview(req: IncomingMessage, res: ServerResponse, deps: ReviewDeps | undefined) {
  const send = (status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...REVIEW_HEADERS, ...extra });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (!deps?.token) return send(404, page("Not found", "<p>Not found.</p>"));
  if (!authorised(req.headers.authorization, deps.token)) {
    return send(401, page("Unauthorised", "<p>This page needs the review token.</p>"), {
      "www-authenticate": 'Basic realm="Stackwise review", charset="UTF-8"',
    });
  }
  const query = querySchema.safeParse(
    Object.fromEntries(new URL(req.url ?? "/", "http://localhost").searchParams),
  );
  if (!query.success) return send(400, page("Bad request", "<p>days: a whole number from 1 to 365.</p>"));
  send(200, renderReviewPage(await deps.load(query.data.days)));
}

/** True when the header carries the token: "Bearer <token>" or "Basic base64(<any>:<token>)". */
export function authorised(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2);
  let given: string | undefined;
  if (scheme.toLowerCase() === "bearer") given = value;
  else if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    given = colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  if (given === undefined) return false;
  // Compared as digests, so neither the length nor the content leaks through timing.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}.empty{color:#777}
.answers{fill:#4c78a8;background:#4c78a8}.helpful{fill:#54a24b;background:#54a24b}
.unanswered{fill:#e45756;background:#e45756}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

function table(id: string, headers: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return `<p class="empty" id="${id}">None.</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The three series of the chart, in the order of their bars within a day. */
const SERIES = [
  { key: "answers", label: "answers" },
  { key: "helpful", label: "helpful votes" },
  { key: "unanswered", label: "unanswered questions" },
] as const;

/**
 * Grouped bars, one group per day: each bar's height is its count times the same scale
 * (the tallest bar is PLOT_HEIGHT px), so heights compare across days and series.
 */
export function chartSvg(daily: ReviewReport["daily"]): string {
  const PLOT_HEIGHT = 160;
  const BAR = 8;
  const GROUP = BAR * SERIES.length + 8;
  const top = 10;
  const left = 36;
  const max = Math.max(1, ...daily.flatMap((d) => SERIES.map((s) => d[s.key])));
  const width = left + daily.length * GROUP + 10;
  const height = top + PLOT_HEIGHT + 40;
  const parts: string[] = [];
  parts.push(
    `<line x1="${left}" y1="${top + PLOT_HEIGHT}" x2="${width - 5}" y2="${top + PLOT_HEIGHT}" stroke="#999"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end" font-size="10">${max}</text>`,
    `<text x="${left - 4}" y="${top + PLOT_HEIGHT}" text-anchor="end" font-size="10">0</text>`,
  );
  daily.forEach((d, i) => {
    const x0 = left + i * GROUP + 4;
    SERIES.forEach((s, j) => {
      const count = d[s.key];
      const h = (count / max) * PLOT_HEIGHT;
      parts.push(
        `<rect class="bar ${s.key}" data-day="${d.day}" data-series="${s.key}" data-count="${count}" x="${x0 + j * BAR}" y="${(top + PLOT_HEIGHT - h).toFixed(2)}" width="${BAR - 1}" height="${h.toFixed(2)}"><title>${d.day}: ${count} ${s.label}</title></rect>`,
      );
    });
    if (daily.length <= 31 && (daily.length <= 10 || i % 7 === 0 || i === daily.length - 1)) {
      parts.push(
        `<text x="${x0}" y="${top + PLOT_HEIGHT + 14}" font-size="10">${escapeHtml(d.day.slice(5))}</text>`,
      );
    }
  });
  const legend = SERIES.map((s) => `<span class="${s.key}"></span>${s.label}`);
  return `<figure><svg id="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Answers, helpful votes and unanswered questions per day">${parts.join("")}</svg>
<figcaption class="legend">${legend.join("")}</figcaption></figure>`;
}

/** The whole page. Every text from the store is escaped; the page carries no script. */
export function renderReviewPage(r: ReviewReport): string {
  const { asked } = reviewTotals(r);
  const tableOf = (id: string, t: ReviewTable) => table(id, t.headers.map(capitalise), t.rows, t.numeric);
  const body = [
    `<h1>Stackwise review</h1>`,
    `<p>The last ${r.days} days (${day(r.from)} to ${day(r.to)}, UTC).</p>`,
    `<h2>Per day</h2>`,
    chartSvg(r.daily),
    `<h2>Questions the bot could not answer or had to clarify</h2>`,
    `<p>${asked} asked, ${r.unanswered.length} distinct.</p>`,
    tableOf("unanswered", unansweredTable(r)),
    `<h2>Answers voted “Not helpful”</h2>`,
    table(
      "not-helpful",
      ["When", "Intent", "Aspect", "Technologies", "Question", "Notes", "Not helpful", "Helpful"],
      r.notHelpful.map((a) => [
        minute(a.at),
        a.intent,
        a.aspect ?? "",
        a.technologies.join(", "),
        a.question ?? "",
        a.notes.join(" · "),
        String(a.notHelpful),
        String(a.helpful),
      ]),
      [6, 7],
    ),
    `<h2>Helpful votes per intent</h2>`,
    tableOf("intents", intentsTable(r)),
  ];
  return page("Stackwise review", body.join("\n"));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
