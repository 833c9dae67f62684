import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REGISTER_TS = join(ROOT, "tests/helpers/register-ts.mjs");
const MAIN = join(ROOT, "adapters/main.ts");

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

/** The real `stackwise` command run from sources in a child process, its output captured. */
export class BotProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly cwd: string;
  private waiters: Array<() => void> = [];

  constructor(
    args: string[],
    env: Record<string, string>,
    options: { stdin?: boolean; files?: Record<string, string> } = {},
  ) {
    // A folder of its own: no .env of the developer's gets read, and state stays out of the repo.
    this.cwd = mkdtempSync(join(tmpdir(), "stackwise-ops-"));
    for (const [name, content] of Object.entries(options.files ?? {}))
      writeFileSync(join(this.cwd, name), content);
    this.child = spawn(process.execPath, ["--import", REGISTER_TS, MAIN, ...args], {
      cwd: this.cwd,
      // Only what is given: nothing of the test runner's environment leaks in.
      env: { PATH: process.env.PATH ?? "", HOME: this.cwd, STATE_DIR: join(this.cwd, "state"), ...env },
      stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    });
    this.child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      this.stdout += d;
      this.wake();
    });
    this.child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      this.stderr += d;
      this.wake();
    });
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.wake();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get output(): string {
    return this.stdout + this.stderr;
  }

  /** stdout's JSON log lines. */
  logs(): LogLine[] {
    return this.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as LogLine);
  }

  /** Resolves with the first log line matching, or fails (with the output so far) after `timeoutMs`. */
  async waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs().find(predicate);
      if (found) return found;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`log line not found (exit code ${this.child.exitCode}). Output:\n${this.output}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for "stackwise started" and returns the port it listens on. */
  async started(timeoutMs = 20_000): Promise<number> {
    const line = await this.waitForLog((l) => l.msg === "stackwise started", timeoutMs);
    if (typeof line.port !== "number") throw new Error(`no port in ${JSON.stringify(line)}`);
    return line.port;
  }

  write(text: string): void {
    this.child.stdin?.write(text);
  }

  endInput(): void {
    this.child.stdin?.end();
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills it if still running and removes its folder. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
    rmSync(this.cwd, { recursive: true, force: true });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
