// Shared by the queue tests and the queue bench: fresh PostgreSQL databases, a synthetic corpus, worker processes.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The PostgreSQL server the tests may use (CI sets it), or null: the PostgreSQL tests are then skipped. */
export function pgTestUrl(): string | null {
  return process.env["TOLL_TEST_DATABASE_URL"]?.trim() || null;
}

export { withFreshDatabase } from "../store/throwaway.ts";

const PLACES = ["Mosul", "Aleppo", "Kharkiv", "Khartoum", "Mogadishu", "Gao", "Kabul", "Sanaa", "Tripoli", "Maiduguri"];
const OUTLETS = ["Example Wire", "Daily Record", "Evening Post", "Morning Star", "City Herald"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export interface CorpusRecord {
  id: string;
  title: string;
  text: string;
  published: string;
  outlet: string;
  url: string;
}

/**
 * `n` short reports in groups of `perIncident`: each group is one event (a place, a day, a toll) told by different
 * outlets in different words. Events in the same place are a week apart, so every group is clearly one incident.
 */
export function corpus(n: number, perIncident = 5): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  const base = Date.UTC(2022, 0, 3);
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / perIncident);
    const k = i % perIncident;
    const place = PLACES[g % PLACES.length] ?? "Mosul";
    const day = new Date(base + Math.floor(g / PLACES.length) * 7 * 86_400_000);
    const date = `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()] ?? "January"} ${day.getUTCFullYear()}`;
    const iso = day.toISOString().slice(0, 10);
    const killed = 3 + (g % 37);
    const wounded = killed * 2 + (g % 5);
    const outlet = OUTLETS[k % OUTLETS.length] ?? "Example Wire";
    const lead = [
      `An air strike on a market in ${place} killed ${killed} civilians and wounded ${wounded} on ${date}, officials said.`,
      `At least ${killed} civilians were killed and ${wounded} wounded when an air strike hit a market in ${place} on ${date}, a health official said.`,
      `Officials said an air strike killed ${killed} civilians in ${place} on ${date}. ${wounded} people were wounded.`,
      `An air strike in ${place} on ${date} killed ${killed} civilians, local officials said, and ${wounded} others were wounded.`,
      `${killed} civilians were killed in an air strike on a market in ${place} on ${date}, residents and officials said.`,
    ][k % 5];
    out.push({
      id: `doc-${i}`,
      title: `Air strike kills ${killed} in ${place}`,
      text: `${lead} Report ${i} by ${outlet}: rescue teams searched the rubble into the night.`,
      published: `${iso}T${String(8 + k).padStart(2, "0")}:00:00Z`,
      outlet,
      url: `https://news.example.org/${i}`,
    });
  }
  return out;
}

export function toJsonl(records: readonly CorpusRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

export interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `toll worker` in a child process, run from the TypeScript sources. */
export function spawnWorker(args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, [join(repoRoot, "bin", "toll.js"), "worker", ...args], {
    cwd: repoRoot,
    env: { ...process.env, TOLL_FROM_SOURCE: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const chunks: Buffer[] = [];
  child.stderr?.on("data", (c: Buffer) => chunks.push(c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, stderr: () => Buffer.concat(chunks).toString("utf8"), exited };
}

export async function waitFor(cond: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
