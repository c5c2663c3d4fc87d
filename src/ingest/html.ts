// HTML pages → ArticleInput: page furniture is stripped by Mozilla Readability running over linkedom (same
// output as jsdom, about 9 times faster; see npm-ecosystem.md §4); metadata comes from the untouched page
// first, because Readability rewrites the document it reads.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { ArticleInput } from "../store/types.ts";
import { findDateline, normaliseDate } from "./dates.ts";

// linkedom's DOM classes are not the lib.dom ones, but they implement the parts used here; these are the
// structural shapes the code relies on, so no lib.dom type is claimed for linkedom objects.
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  localName?: string;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
}
interface DomElement extends DomNode {
  localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}
interface DomDocument {
  body: DomElement | null;
  documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

/** Elements whose content is never text of the article. */
const SKIP = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "head",
  "button", "select", "option", "textarea", "input", "video", "audio", "source", "picture", "map",
]);

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
  "tr", "ul", "caption", "body", "html", "legend", "frameset", "noframes",
]);

/** Page furniture removed before the fallback walk when Readability finds no article. */
const FURNITURE = "nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], [hidden], [aria-hidden=true]";

/**
 * Text of a DOM subtree with "\n\n" between blocks and "\n" for <br>. Script and style content is skipped;
 * markup shown as text (entities like &lt;b&gt;) stays text. The walk keeps its own stack, so no nesting depth
 * can overflow the call stack.
 */
export function domToText(root: DomNode): string {
  const paragraphs: string[] = [];
  let buf = "";
  const flush = (): void => {
    const lines = buf
      .split("\n")
      .map((l) => l.replace(/ {2,}/g, " ").trim())
      .filter((l) => l.length > 0);
    if (lines.length > 0) paragraphs.push(lines.join("\n"));
    buf = "";
  };
  // `leave` frames close a block after its children, as the return of a recursive walk would.
  const stack: Array<{ node: DomNode; inPre: boolean; leave: boolean }> = [{ node: root, inPre: false, leave: false }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, inPre } = frame;
    if (frame.leave) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT) {
      const v = node.nodeValue ?? "";
      // Outside <pre>, any run of whitespace (newlines included) is one space, as a browser renders it.
      buf += inPre ? v.replace(/\r\n?/g, "\n") : v.replace(/\s+/g, " ");
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    const name = node.localName ?? "";
    if (SKIP.has(name)) continue;
    if (name === "br") {
      buf += "\n";
      continue;
    }
    if (name === "td" || name === "th") buf += " ";
    if (BLOCK.has(name)) {
      flush();
      stack.push({ node, inPre, leave: true });
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid) stack.push({ node: kid, inPre: inPre || name === "pre", leave: false });
    }
  }
  flush();
  return paragraphs.join("\n\n");
}

/**
 * Deepest nesting of elements a page may have to be read at all. News pages nest a few dozen deep; beyond this the
 * page is refused before it is parsed, since the parser's cost grows faster than the page (100,000 deep: 23 s).
 */
export const MAX_HTML_DEPTH = 2000;
/** Readability's cost grows with the square of the depth (100 deep: 0.3 s, 400 deep: 2.6 s): deeper, the plain walk reads the page. */
export const READABILITY_MAX_DEPTH = 100;
/** Pages longer than this (UTF-16 code units of markup) are read by the plain walk, not by Readability. */
export const READABILITY_MAX_CHARS = 2_000_000;

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"]);
/** Elements a parser closes by itself when a sibling opens ("<p>a<p>b"): not counted, so loose markup does not read as deep. */
const SELF_CLOSING = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body"]);
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);
const TAG_NAME = /\/?([a-z][\d:a-z-]*)/iy;

/**
 * Nesting depth of the markup, estimated by a scan of its tags without building a DOM (linear: every character is
 * passed once). Elements that close themselves are not counted, so the estimate is at most what a parser builds
 * for well-formed pages and rarely much more for sloppy ones.
 */
export function markupDepth(html: string): number {
  let lower: string | undefined;
  let depth = 0;
  let max = 0;
  let i = html.indexOf("<");
  while (i >= 0) {
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      if (end < 0) break;
      i = html.indexOf("<", end + 3);
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const m = TAG_NAME.exec(html);
    if (!m) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    const gt = html.indexOf(">", TAG_NAME.lastIndex);
    if (gt < 0) break;
    const name = m[1]!.toLowerCase();
    const closing = m[0].startsWith("/");
    let next = gt + 1;
    if (!VOID_ELEMENTS.has(name) && !SELF_CLOSING.has(name)) {
      if (closing) depth = Math.max(0, depth - 1);
      else if (html[gt - 1] !== "/") {
        depth++;
        if (depth > max) max = depth;
        if (RAW_TEXT.has(name)) {
          // Script and style hold text, not tags: skip to their end tag.
          lower ??= html.toLowerCase();
          const end = lower.indexOf(`</${name}`, next);
          if (end < 0) break;
          next = end;
        }
      }
    }
    i = html.indexOf("<", next);
  }
  return max;
}

/** Deepest element of a parsed document, walked with an explicit stack. */
function domDepth(root: DomNode | null): number {
  if (!root) return 0;
  let max = 0;
  const stack: Array<[DomNode, number]> = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > max) max = depth;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i];
      if (kid && kid.nodeType === ELEMENT) stack.push([kid, depth + 1]);
    }
  }
  return max;
}

function parseDocument(html: string): DomDocument {
  // linkedom needs a full document; a bare fragment would not get a <body>.
  const source = /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as DomDocument;
}

/** Text of an HTML fragment (feed content:encoded, Atom content) without Readability: a feed item is already the article. */
export function htmlFragmentToText(html: string): string {
  const doc = parseDocument(html);
  return doc.body ? domToText(doc.body) : "";
}

function attr(el: DomElement | null | undefined, name: string): string | null {
  const v = el?.getAttribute(name);
  return v && v.trim() ? v.trim() : null;
}

/** meta tags keyed by property, name and itemprop (lowercased); the first declaration wins. */
function metaMap(doc: DomDocument): Map<string, string> {
  const map = new Map<string, string>();
  const metas = doc.querySelectorAll("meta");
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    const content = attr(m, "content");
    if (!m || content === null) continue;
    for (const key of ["property", "name", "itemprop"]) {
      const k = attr(m, key)?.toLowerCase();
      if (k && !map.has(k)) map.set(k, content);
    }
  }
  return map;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** All objects in the page's JSON-LD blocks, @graph members included; articles first. */
function jsonLdObjects(doc: DomDocument): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 4 || v === undefined) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObject(v)) {
      out.push(v);
      if (v["@graph"] !== undefined) visit(v["@graph"], depth + 1);
    }
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]?.textContent ?? "") as Json, 0);
    } catch {
      // Broken JSON-LD is common and harmless: the other sources of metadata still apply.
    }
  }
  const isArticle = (o: JsonObject): boolean => {
    const t = o["@type"];
    const types = Array.isArray(t) ? t : [t];
    return types.some((x) => typeof x === "string" && /Article|Posting|Report/i.test(x));
  };
  return [...out.filter(isArticle), ...out.filter((o) => !isArticle(o))];
}

function jsonString(v: Json | undefined): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map((x) => jsonString(x)).filter((x): x is string => x !== null);
    return names.length > 0 ? names.join(", ") : null;
  }
  if (isObject(v)) return jsonString(v["name"]);
  return null;
}

function firstJsonLd(objs: JsonObject[], key: string): string | null {
  for (const o of objs) {
    const v = jsonString(o[key]);
    if (v) return v;
  }
  return null;
}

function resolveUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

export function hostOutlet(url: string | null): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./i, "");
    return host || null;
  } catch {
    return null;
  }
}

const DATE_META_NAMES = [
  "article:published_time", "og:published_time", "og:article:published_time", "published_time", "datepublished",
  "pubdate", "publishdate", "publish-date", "publish_date", "article.published", "article_date_original",
  "original-publish-date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "date",
  "sailthru.date", "parsely-pub-date",
];

function publishedDate(doc: DomDocument, metas: Map<string, string>, ld: JsonObject[]): string | null {
  const first = metas.get("article:published_time") ?? metas.get("og:published_time");
  const candidates: (string | null | undefined)[] = [first];
  const itemprop = doc.querySelector('[itemprop="datePublished"]');
  candidates.push(attr(itemprop, "content") ?? attr(itemprop, "datetime") ?? itemprop?.textContent);
  candidates.push(firstJsonLd(ld, "datePublished"));
  for (const k of DATE_META_NAMES) candidates.push(metas.get(k));
  const time = doc.querySelector("time[pubdate][datetime]") ?? doc.querySelector("article time[datetime]") ?? doc.querySelector("time[datetime]");
  candidates.push(attr(time, "datetime"));
  for (const c of candidates) {
    const d = normaliseDate(c ?? null);
    if (d) return d;
  }
  return null;
}

export interface HtmlContext {
  origin: string;
  /** The address the page was fetched from (fetch, WARC-Target-URI), if known. */
  url?: string | null;
}

/** Cleans a page into an article. Throws when the page has no text at all. */
export function htmlToArticle(html: string, ctx: HtmlContext): ArticleInput {
  const depth = markupDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new Error(`page not read: its markup nests ${depth.toLocaleString("en")} elements deep (more than ${MAX_HTML_DEPTH.toLocaleString("en")}; news pages nest a few dozen)`);
  }
  const doc = parseDocument(html);
  const metas = metaMap(doc);
  const ld = jsonLdObjects(doc);
  const pageUrl = ctx.url ?? null;
  const canonical = resolveUrl(attr(doc.querySelector('link[rel~="canonical"]'), "href"), pageUrl);
  const ogUrl = resolveUrl(metas.get("og:url") ?? null, pageUrl);
  const url = pageUrl ?? canonical ?? ogUrl;
  const docTitle = doc.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim() || null;
  const h1 = doc.querySelector("h1")?.textContent?.replace(/\s+/g, " ").trim() || null;
  let published = publishedDate(doc, metas, ld);
  const authorMeta = metas.get("author") ?? null;
  const articleAuthor = metas.get("article:author") ?? null;
  const ldAuthor = firstJsonLd(ld, "author");
  let ldPublisher: string | null = null;
  for (const o of ld) {
    ldPublisher = jsonString(o["publisher"]);
    if (ldPublisher) break;
  }

  // Readability types its input as lib.dom Document; linkedom's document is API-compatible for its use.
  let parsed: ReturnType<Readability<Node>["parse"]> = null;
  // Deep or huge pages go straight to the plain walk (linear), which keeps the whole text with less cleaning.
  if (html.length <= READABILITY_MAX_CHARS && domDepth(doc.documentElement) <= READABILITY_MAX_DEPTH) {
    const reader = new Readability(doc as unknown as Document, { serializer: (n: Node) => n });
    try {
      parsed = reader.parse();
    } catch {
      parsed = null; // fall back to the plain walk below
    }
  }
  let text = parsed?.content ? domToText(parsed.content as unknown as DomNode) : "";
  if (!text.trim()) {
    const fresh = parseDocument(html);
    const furniture = fresh.querySelectorAll(FURNITURE);
    for (let i = furniture.length - 1; i >= 0; i--) furniture[i]?.remove();
    text = fresh.body ? domToText(fresh.body) : "";
  }
  if (!text.trim()) throw new Error("no article text found in the page");

  published ??= normaliseDate(parsed?.publishedTime ?? null);
  if (!published) {
    const dl = findDateline(text.split("\n"));
    if (dl) published = dl.date;
  }
  // og:title and JSON-LD headline are the bare headline; <title> (and so Readability's title) often carries the site name.
  let title = metas.get("og:title") || firstJsonLd(ld, "headline") || parsed?.title?.trim() || docTitle || h1;
  // "Headline | Site" that Readability kept whole (it keeps short remainders): the page's own <h1> is the headline.
  if (title && h1 && h1 !== title && h1.split(" ").length >= 3 && title.startsWith(h1) && /^\s*[|\-–—:»·]/.test(title.slice(h1.length))) {
    title = h1;
  }
  const outlet = metas.get("og:site_name") ?? ldPublisher ?? (parsed?.siteName?.trim() || null) ?? metas.get("application-name") ?? hostOutlet(url);
  const author =
    authorMeta ?? ldAuthor ?? (parsed?.byline?.trim() || null) ?? (articleAuthor && !/^https?:/i.test(articleAuthor) ? articleAuthor : null);

  return {
    title: title ?? null,
    published,
    outlet: outlet ?? null,
    author,
    url,
    canonical_url: canonical,
    text,
    origin: ctx.origin,
  };
}
