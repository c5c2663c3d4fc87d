// JSON lines: {"id","text","title"?,"published"?,"url"?,"outlet"?} per line, read as a stream so a file of
// any size costs one line of memory at a time.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { ArticleInput } from "../store/types.ts";
import { normaliseDate } from "./dates.ts";
import { errorMessage, fail, mb, ok, type ReadItem } from "./types.ts";

const KNOWN = new Set(["id", "text", "title", "published", "url", "outlet", "author", "canonical_url", "meta"]);

function optString(obj: Record<string, unknown>, key: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new Error(`"${key}" must be a string`);
  return v.trim() || null;
}

/** One parsed line → article; throws with a message that names the problem. */
export function jsonlRecordToArticle(line: string, origin: string): ArticleInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`invalid JSON (${errorMessage(err)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  const obj = value as Record<string, unknown>;
  const text = obj["text"];
  if (typeof text !== "string" || !text.trim()) throw new Error('missing or empty "text"');
  const id = obj["id"];
  if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") throw new Error('"id" must be a string or number');
  const publishedRaw = optString(obj, "published");
  const published = normaliseDate(publishedRaw);
  if (publishedRaw && !published) throw new Error(`"published" is not a date: ${JSON.stringify(publishedRaw)}`);
  const meta: Record<string, unknown> = {};
  const given = obj["meta"];
  if (given !== undefined && given !== null) {
    if (typeof given !== "object" || Array.isArray(given)) throw new Error('"meta" must be an object');
    Object.assign(meta, given);
  }
  // Fields we do not model are kept beside the article rather than dropped.
  for (const [k, v] of Object.entries(obj)) if (!KNOWN.has(k)) meta[k] = v;
  const article: ArticleInput = {
    external_id: id === undefined || id === null ? null : String(id),
    title: optString(obj, "title"),
    published,
    outlet: optString(obj, "outlet"),
    author: optString(obj, "author"),
    url: optString(obj, "url"),
    canonical_url: optString(obj, "canonical_url"),
    text: text.replace(/\r\n?/g, "\n"),
    origin,
  };
  if (Object.keys(meta).length > 0) article.meta = meta;
  return article;
}

/** Reads JSON lines from a byte stream; origins are "<origin>#line=N" (1-based). */
export async function* readJsonl(input: Readable, origin: string, maxLineBytes: number): AsyncGenerator<ReadItem> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of rl) {
      n++;
      const line = n === 1 ? raw.replace(/^\ufeff/, "") : raw;
      if (!line.trim()) continue;
      const lineOrigin = `${origin}#line=${n}`;
      // String length counts UTF-16 units; close enough to bytes for a sanity limit.
      if (line.length > maxLineBytes) {
        yield fail(lineOrigin, `line ${n} too large (${mb(line.length)} MB > ${mb(maxLineBytes)} MB)`);
        continue;
      }
      try {
        yield ok(jsonlRecordToArticle(line, lineOrigin));
      } catch (err) {
        yield fail(lineOrigin, `line ${n}: ${errorMessage(err)}`);
      }
    }
  } catch (err) {
    yield fail(`${origin}#line=${n + 1}`, `read error after line ${n}: ${errorMessage(err)}`);
  } finally {
    rl.close();
    input.destroy();
  }
}
