// Builders for claims and extractions, for the contract suite and the benchmark (not for production code):
// they fill every field the JSON contract has, so a round trip through a store can be compared exactly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { Command } from "commander";
import type { Claim, ExtractResult } from "../extract/types.ts";
import type { Io } from "./cli-support.ts";
import { openStore } from "./index.ts";
import type { ArticleInput } from "./types.ts";

export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: "c1",
    metric: "killed",
    victims: "civilians",
    victims_text: "civilians",
    victim_name: null,
    value: 12,
    low: 12,
    high: 12,
    qualifier: "exact",
    scope: "incident",
    in_headline: false,
    historical: false,
    period: { start: "2024-03-04", end: "2024-03-05", precision: "days", text: "on Tuesday" },
    location: {
      name: "western Mosul",
      place: "Mosul",
      country: "IQ",
      lat: 36.335,
      lon: 43.119,
      precision: "near",
      geonameid: 99072,
    },
    perpetrator: "Islamic State",
    perpetrator_certainty: "alleged",
    method: "car bomb",
    source: "police",
    certainty: "reported",
    evidence: { text: "12 civilians were killed", start: 0, end: 24 },
    sentence: { start: 0, end: 40 },
    rule: "num-victims-verb",
    breakdown: [],
    part_of: null,
    same_as: null,
    ...overrides,
  };
}

export function makeExtraction(article: ArticleInput, claims: Claim[]): ExtractResult {
  return {
    article: {
      title: article.title,
      published: article.published,
      outlet: article.outlet,
      url: article.url,
      text: article.text,
    },
    claims,
    incidents:
      claims.length > 0 ? [{ id: "i1", claims: claims.map((c) => c.id), killed: null, injured: null }] : [],
    totals: { killed: null, injured: null },
  };
}

export function makeArticle(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    external_id: null,
    title: "Car bomb kills 12 in Mosul",
    published: "2024-03-05T09:30:00Z",
    outlet: "Example News",
    author: null,
    url: "https://news.example/mosul-bomb",
    canonical_url: null,
    text: "12 civilians were killed in western Mosul on Tuesday when a car bomb exploded.",
    origin: "test",
    meta: {},
    ...overrides,
  };
}

/** A Writable that keeps what is written, for command tests. */
export class Collector extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    done();
  }
}

/** Runs one registered command in-process with captured output; commander errors throw instead of exiting. */
export async function runCommand(
  register: (program: Command, io: Io) => void,
  args: string[],
): Promise<{ out: string; err: string }> {
  const out = new Collector();
  const err = new Collector();
  const program = new Command().exitOverride().configureOutput({
    writeOut: (s) => out.write(s),
    writeErr: (s) => err.write(s),
  });
  register(program, { out, err });
  await program.parseAsync(args, { from: "user" });
  return { out: out.text, err: err.text };
}

/** A SQLite store on a temp file with three articles (Kharkiv, Darfur, undated) and five claims. */
export async function seedSqlite(): Promise<{ db: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "toll-cli-"));
  const db = path.join(dir, "toll.db");
  const store = await openStore(db);
  const kharkiv = {
    name: "Kharkiv",
    place: "Kharkiv",
    country: "UA",
    lat: 49.98,
    lon: 36.25,
    precision: "exact" as const,
  };
  const items = [
    {
      article: makeArticle({
        url: "https://c.example/ua",
        title: "Shelling in Kharkiv",
        published: "2023-07-02",
        text: "Shelling killed 4 in Kharkiv.",
      }),
      claims: [
        makeClaim({
          id: "c1",
          value: 4,
          low: 4,
          high: 4,
          location: kharkiv,
          period: { start: "2023-07-01", end: "2023-07-01", precision: "day" },
        }),
        makeClaim({
          id: "c2",
          metric: "injured",
          value: 11,
          low: 11,
          high: 11,
          location: kharkiv,
          period: { start: "2023-07-01", end: "2023-07-01", precision: "day" },
        }),
      ],
    },
    {
      article: makeArticle({
        url: "https://c.example/sd",
        title: "Darfur displacement",
        published: "2024-01-20",
        text: "=2,000 displaced in Geneina.",
      }),
      claims: [
        makeClaim({
          id: "c1",
          metric: "displaced",
          value: 2000,
          low: 2000,
          high: 2000,
          evidence: { text: "=2,000 displaced", start: 0, end: 16 },
          location: {
            name: "Geneina",
            place: "Geneina",
            country: "SD",
            lat: 13.45,
            lon: 22.44,
            precision: "exact",
          },
          period: null,
        }),
      ],
    },
    {
      article: makeArticle({
        url: "https://c.example/x",
        title: "Undated",
        published: null,
        text: "Two soldiers killed.",
      }),
      claims: [
        makeClaim({ id: "c1", victims: "soldiers", value: 2, low: 2, high: 2, location: null, period: null }),
        makeClaim({ id: "c2", victims: "soldiers", value: 3, low: 3, high: 3, location: null, period: null }),
      ],
    },
  ];
  await store.saveArticles(
    items.map((i) => ({
      article: i.article,
      extraction: makeExtraction(i.article, i.claims),
      extractorVersion: "test",
    })),
  );
  await store.close();
  return { db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
