// RSS 2.0 and Atom feeds via rss-parser: every item is an article. A malformed item must not cost the rest
// of the feed, but rss-parser (xml2js, strict) rejects the whole document on one XML error; so on failure the
// feed is split into its <item>/<entry> elements and each is parsed inside the feed's own envelope.
import Parser from "rss-parser";
import type { ArticleInput } from "../store/types.ts";
import { normaliseDate } from "./dates.ts";
import { hostOutlet, htmlFragmentToText } from "./html.ts";
import { errorMessage, fail, ok, type ReadItem } from "./types.ts";

type FeedItem = Parser.Item & {
  "content:encoded"?: string;
  "dc:creator"?: string;
  author?: string;
  id?: string;
};

const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: { item: ["content:encoded", "dc:creator", "author", "id"] },
});

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function stringOr(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

function itemToArticle(item: FeedItem, feedTitle: string | null, feedLink: string | null, origin: string): ArticleInput {
  const html = stringOr(item["content:encoded"]) ?? stringOr(item.content);
  let text = html ? htmlFragmentToText(html) : "";
  if (!text.trim()) text = stringOr(item.contentSnippet) ?? stringOr(item.summary) ?? "";
  if (!text.trim()) throw new Error("item has no text (no content:encoded, content or description)");
  const link = stringOr(item.link);
  return {
    external_id: stringOr(item.guid) ?? stringOr(item.id),
    title: stringOr(item.title),
    published: normaliseDate(item.isoDate ?? item.pubDate ?? null),
    outlet: feedTitle ?? hostOutlet(link ?? feedLink),
    author: stringOr(item.creator) ?? stringOr(item["dc:creator"]) ?? stringOr(item.author),
    url: link,
    text,
    origin,
  };
}

/** Splits a feed into envelope and item elements (regex over the raw XML, used only when the strict parse failed). */
function splitFeed(xml: string): { head: string; tail: string; items: string[] } | null {
  const re = /<(item|entry)\b[\s\S]*?<\/\1\s*>/gi;
  const items: string[] = [];
  let first = -1;
  for (const m of xml.matchAll(re)) {
    if (first < 0) first = m.index;
    items.push(m[0]);
  }
  if (items.length === 0) return null;
  // The envelope after the last item is just closing tags; rebuild it so trailing garbage cannot break every item.
  const head = xml.slice(0, first);
  const isAtom = /<feed\b/i.test(head) && !/<rss\b/i.test(head);
  const isRdf = /<rdf:RDF\b/i.test(head);
  const tail = isAtom ? "</feed>" : isRdf ? "</rdf:RDF>" : /<channel\b/i.test(head) ? "</channel></rss>" : "</rss>";
  return { head, tail, items };
}

export interface FeedContext {
  /** Base origin: "file:feeds/x.xml" or the feed URL; items get "#item=N" (1-based). */
  origin: string;
  url?: string | null;
}

export async function* readFeed(xml: string, ctx: FeedContext): AsyncGenerator<ReadItem> {
  const itemOrigin = (i: number): string => `${ctx.origin}#item=${i + 1}`;
  let feed: Awaited<ReturnType<typeof parser.parseString>> | null = null;
  let strictError: string | null = null;
  try {
    feed = await parser.parseString(xml);
  } catch (err) {
    strictError = firstLine(errorMessage(err));
  }

  if (feed) {
    const feedTitle = stringOr(feed.title);
    const feedLink = stringOr(feed.link) ?? ctx.url ?? null;
    for (const [i, item] of feed.items.entries()) {
      try {
        yield ok(itemToArticle(item as FeedItem, feedTitle, feedLink, itemOrigin(i)));
      } catch (err) {
        yield fail(itemOrigin(i), errorMessage(err));
      }
    }
    return;
  }

  const parts = splitFeed(xml);
  if (!parts) {
    yield fail(ctx.origin, `feed could not be parsed: ${strictError ?? "unknown error"}`);
    return;
  }
  let feedTitle: string | null = null;
  try {
    // The envelope alone tells whether the feed's own header is sound and gives the feed title.
    feedTitle = stringOr((await parser.parseString(parts.head + parts.tail)).title);
  } catch (err) {
    yield fail(ctx.origin, `feed header could not be parsed: ${firstLine(errorMessage(err))}`);
    return;
  }
  for (const [i, raw] of parts.items.entries()) {
    try {
      const one = await parser.parseString(parts.head + raw + parts.tail);
      const item = one.items[0];
      if (!item) throw new Error("item is empty");
      yield ok(itemToArticle(item as FeedItem, feedTitle, ctx.url ?? null, itemOrigin(i)));
    } catch (err) {
      yield fail(itemOrigin(i), `broken item: ${firstLine(errorMessage(err))}`);
    }
  }
}
