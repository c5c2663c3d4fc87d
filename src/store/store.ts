// The one Store implementation, written once against Kysely. The backends (sqlite/, postgres/) supply the
// dialect and the few things SQL cannot say the same way in both (full-text search, booleans, error codes).
import { createHash } from "node:crypto";
import { Kysely, sql } from "kysely";
import type { Dialect, Insertable, RawBuilder, Selectable, Transaction } from "kysely";
import type { Claim, ExtractResult } from "../extract/types.ts";
import { StoreError, isBusy } from "./errors.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { BackendKind } from "./migrations/index.ts";
import type { ClaimsTable, Database } from "./schema.ts";
import type {
  ArticleFilter,
  ArticleHit,
  ArticleInput,
  ArticleSummary,
  ClaimFilter,
  Counts,
  ExportRow,
  Page,
  SaveInput,
  SaveResult,
  Stats,
  Store,
  StoredArticle,
  StoredClaim,
  StoredExtraction,
} from "./types.ts";

export interface Backend {
  readonly kind: BackendKind;
  /** Path or URL (password removed), for error messages. */
  readonly location: string;
  readonly dialect: Dialect;
  /** How a boolean is bound: 0/1 for SQLite, true/false for PostgreSQL. */
  bool(v: boolean): number | boolean;
  /** A subquery yielding the ids of the articles matching a full-text query. */
  ftsArticleIds(q: string): RawBuilder<unknown>;
  /** Best matches first. */
  rankedSearch(db: Kysely<Database>, q: string, limit: number): Promise<{ id: number; rank: number }[]>;
  isUniqueViolation(err: unknown): boolean;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
/** Claims per INSERT: ~45 columns each stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CLAIM_CHUNK = 400;
const EXPORT_BATCH = 1_000;
/** Values per IN (...) lookup. */
const LOOKUP_CHUNK = 500;

/** Which articles a batch is working on, for the error message if it fails. */
interface BatchProgress {
  current: ArticleInput[];
}

const ARTICLE_COLUMNS = [
  "id",
  "external_id",
  "title",
  "published",
  "outlet",
  "author",
  "url",
  "canonical_url",
  "text",
  "content_hash",
  "extractor_version",
  "revision",
  "revision_of",
  "origin",
  "meta",
  "extraction",
  "ingested_at",
] as const;

/** Whitespace and Unicode form do not make a new revision; any change of words does. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

export function contentHash(text: string): string {
  return createHash("sha256").update(normaliseText(text), "utf8").digest("hex");
}

export class KyselyStore implements Store {
  readonly kind: BackendKind;

  private constructor(
    /** Exposed for the benchmark and for read-only tooling; writes should go through the methods. */
    readonly db: Kysely<Database>,
    private readonly backend: Backend,
  ) {
    this.kind = backend.kind;
  }

  static async open(backend: Backend): Promise<KyselyStore> {
    const db = new Kysely<Database>({ dialect: backend.dialect });
    try {
      // A server that cannot be reached (or refuses the login) is said as such, not as a failed migration.
      await sql`select 1`.execute(db);
    } catch (err) {
      await db.destroy().catch(() => {});
      throw new StoreError("connect", `cannot reach the ${backend.kind} store at ${backend.location}`, err);
    }
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>, backend.kind);
    } catch (err) {
      await db.destroy().catch(() => {});
      throw new StoreError("open", `${backend.kind} store at ${backend.location}`, err);
    }
    return new KyselyStore(db, backend);
  }

  // ---- writes ----------------------------------------------------------------------------------------

  async saveArticle(
    article: ArticleInput,
    extraction: ExtractResult,
    extractorVersion: string,
  ): Promise<SaveResult> {
    const [result] = await this.saveArticles([{ article, extraction, extractorVersion }]);
    if (result === undefined) throw new StoreError("saveArticle", describeArticle(article), "no result");
    return result;
  }

  async saveArticles(items: readonly SaveInput[]): Promise<SaveResult[]> {
    if (items.length === 0) return [];
    const busySince = Date.now();
    for (let attempt = 1; ; attempt++) {
      const progress: BatchProgress = { current: [] };
      try {
        return await this.db.transaction().execute((trx) => this.saveBatch(trx, items, progress));
      } catch (err) {
        // Another writer may have stored the same text (or the same revision number) between our dedupe
        // check and our insert; the unique constraints catch that and one retry then sees its row.
        if (attempt === 1 && this.backend.isUniqueViolation(err)) continue;
        // Another process held SQLite's write lock past busy_timeout (a long reconcile): the batch rolled back
        // whole, so it is run again until the lock comes free rather than lost.
        if (isBusy(err) && Date.now() - busySince < 120_000) {
          await new Promise((r) => setTimeout(r, Math.min(1000, 20 * attempt) * (0.5 + Math.random())));
          attempt = 0;
          continue;
        }
        const shown = progress.current.slice(0, 3).map(describeArticle);
        if (progress.current.length > 3) shown.push(`and ${progress.current.length - 3} more`);
        const batch = items.length > 1 ? `; batch of ${items.length} rolled back` : "";
        throw new StoreError("saveArticle", `${shown.join("; ")}${batch}`, err);
      }
    }
  }

  /**
   * Round trips, not SQL, dominate a batch (most of all on PostgreSQL): the dedupe lookups for the whole batch
   * are two queries, each article is one INSERT, and claims go in multi-row INSERTs across articles.
   */
  private async saveBatch(
    trx: Transaction<Database>,
    items: readonly SaveInput[],
    progress: BatchProgress,
  ): Promise<SaveResult[]> {
    const prepared = items.map((item) => {
      const url = item.article.url ?? item.extraction.article.url ?? null;
      return { item, url, urlKey: item.article.canonical_url ?? url, hash: contentHash(item.article.text) };
    });
    const byHash = new Map<string, number>();
    const latestByUrl = new Map<string, { id: number; revision: number }>();
    const hashes = [...new Set(prepared.map((p) => p.hash))];
    const urlKeys = [...new Set(prepared.flatMap((p) => (p.urlKey === null ? [] : [p.urlKey])))];
    for (let i = 0; i < hashes.length; i += LOOKUP_CHUNK) {
      const rows = await trx
        .selectFrom("articles")
        .select(["id", "content_hash"])
        .where("content_hash", "in", hashes.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const r of rows) byHash.set(r.content_hash, r.id);
    }
    for (let i = 0; i < urlKeys.length; i += LOOKUP_CHUNK) {
      const rows = await trx
        .selectFrom("articles")
        .select(["id", "url_key", "revision"])
        .where("url_key", "in", urlKeys.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const r of rows) {
        const prev = r.url_key === null ? undefined : latestByUrl.get(r.url_key);
        if (r.url_key !== null && (!prev || r.revision > prev.revision)) latestByUrl.set(r.url_key, r);
      }
    }

    const results: SaveResult[] = [];
    const claimCounts = new Map<number, number>();
    let pending: Insertable<ClaimsTable>[] = [];
    let pendingFrom: ArticleInput[] = [];
    const flush = async () => {
      progress.current = pendingFrom;
      if (pending.length > 0) await trx.insertInto("claims").values(pending).execute();
      pending = [];
      pendingFrom = [];
    };

    for (const { item, url, urlKey, hash } of prepared) {
      const { article, extraction, extractorVersion } = item;
      progress.current = [article];
      const dup = byHash.get(hash);
      if (dup !== undefined) {
        // Filled in below for articles stored before this batch; known already for ones of this batch.
        results.push({ outcome: "duplicate", article_id: dup, claims: claimCounts.get(dup) ?? -1 });
        continue;
      }
      const prev = urlKey === null ? undefined : latestByUrl.get(urlKey);
      const revision = prev ? prev.revision + 1 : 1;
      const published = article.published ?? extraction.article.published ?? null;
      const { text: _text, ...header } = extraction.article;
      const stored: StoredExtraction = {
        article: header,
        incidents: extraction.incidents,
        totals: extraction.totals,
      };
      const { id } = await trx
        .insertInto("articles")
        .values({
          external_id: article.external_id ?? null,
          title: article.title ?? extraction.article.title ?? null,
          published,
          outlet: article.outlet ?? extraction.article.outlet ?? null,
          author: article.author ?? null,
          url,
          canonical_url: article.canonical_url ?? null,
          url_key: urlKey,
          text: article.text,
          content_hash: hash,
          extractor_version: extractorVersion,
          revision,
          revision_of: prev?.id ?? null,
          origin: article.origin,
          meta: JSON.stringify(article.meta ?? {}),
          extraction: JSON.stringify(stored),
          ingested_at: new Date().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      byHash.set(hash, id);
      if (urlKey !== null) latestByUrl.set(urlKey, { id, revision });
      claimCounts.set(id, extraction.claims.length);

      // Offsets refer to the text the extractor saw.
      const sourceText = extraction.article.text || article.text;
      const day = isoDay(published);
      for (const c of extraction.claims) {
        pending.push(this.claimRow(id, c, sourceText, day));
        if (pendingFrom[pendingFrom.length - 1] !== article) pendingFrom.push(article);
        if (pending.length >= CLAIM_CHUNK) await flush();
      }
      results.push({
        outcome: prev ? "revision" : "inserted",
        article_id: id,
        claims: extraction.claims.length,
      });
    }
    await flush();

    const unknown = [...new Set(results.filter((r) => r.claims < 0).map((r) => r.article_id))];
    if (unknown.length > 0) {
      const rows = await trx
        .selectFrom("claims")
        .select(["article_id", sql<string | number>`count(*)`.as("n")])
        .where("article_id", "in", unknown)
        .groupBy("article_id")
        .execute();
      for (const r of rows) claimCounts.set(r.article_id, Number(r.n));
      for (const r of results) if (r.claims < 0) r.claims = claimCounts.get(r.article_id) ?? 0;
    }
    return results;
  }

  private claimRow(
    articleId: number,
    c: Claim,
    text: string,
    publishedDay: string | null,
  ): Insertable<ClaimsTable> {
    const b = this.backend.bool;
    return {
      article_id: articleId,
      local_id: c.id,
      event_date: isoDay(c.period?.end ?? null) ?? isoDay(c.period?.start ?? null) ?? publishedDay,
      metric: c.metric,
      victims: c.victims,
      victims_text: c.victims_text,
      victim_name: c.victim_name ?? null,
      value: c.value,
      low: c.low,
      high: c.high,
      qualifier: c.qualifier,
      scope: c.scope,
      in_headline: b(c.in_headline),
      historical: b(c.historical),
      period_start: c.period?.start ?? null,
      period_end: c.period?.end ?? null,
      period_precision: c.period?.precision ?? null,
      period_text: c.period?.text ?? null,
      location_name: c.location?.name ?? null,
      place: c.location?.place ?? null,
      country: c.location?.country?.toUpperCase() ?? null,
      lat: c.location?.lat ?? null,
      lon: c.location?.lon ?? null,
      location_precision: c.location?.precision ?? null,
      geonameid: c.location?.geonameid ?? null,
      perpetrator: c.perpetrator,
      perpetrator_certainty: c.perpetrator_certainty,
      method: c.method,
      source: c.source,
      certainty: c.certainty,
      evidence_text: c.evidence.text,
      evidence_start: c.evidence.start,
      evidence_end: c.evidence.end,
      sentence_start: c.sentence.start,
      sentence_end: c.sentence.end,
      sentence_text: text.slice(c.sentence.start, c.sentence.end),
      rule: c.rule,
      breakdown: JSON.stringify(c.breakdown ?? []),
      part_of: c.part_of,
      same_as: c.same_as ?? null,
    };
  }

  // ---- reads -----------------------------------------------------------------------------------------

  listClaims(filter: ClaimFilter = {}): Promise<Page<StoredClaim>> {
    return this.wrap("listClaims", JSON.stringify(filter), async () => {
      const limit = pageLimit(filter.limit);
      let q = this.db.selectFrom("claims").selectAll();
      if (filter.from) q = q.where("event_date", ">=", dateBound(filter.from, "from"));
      if (filter.to) q = q.where("event_date", "<=", dateBound(filter.to, "to"));
      if (filter.country) q = q.where("country", "=", filter.country.toUpperCase());
      if (filter.place) {
        const exact = [...new Set([filter.place, ...(filter.placeSpellings ?? [])])];
        // SQLite's lower() folds ASCII only: "Āmol" is compared as written as well as lowered.
        const lowered = [...new Set(exact.map((n) => n.toLowerCase()))];
        q = q.where(sql<boolean>`(place in (${sql.join(exact)}) or lower(place) in (${sql.join(lowered)}))`);
      }
      if (filter.metric) q = q.where("metric", "=", filter.metric);
      if (filter.victims) q = q.where("victims", "=", filter.victims);
      if (filter.perpetrator) q = q.where(sql<boolean>`lower(perpetrator) = lower(${filter.perpetrator})`);
      if (filter.certainty) q = q.where("certainty", "=", filter.certainty);
      if (filter.q?.trim())
        q = q.where(sql<boolean>`article_id in (${this.backend.ftsArticleIds(filter.q)})`);
      const cursor = filter.after ? decodeClaimCursor(filter.after) : null;
      // Newest first, undated last; the id breaks ties so the order is total and the cursor stable.
      // Dated and undated rows are read by two simple queries rather than one with an OR: the row-value
      // comparison (event_date, id) < (d, i) is an index range scan on both databases, the OR was not.
      let rows: Selectable<ClaimsTable>[] = [];
      if (cursor === null || cursor[0] !== null) {
        let dated = q.where("event_date", "is not", null);
        if (cursor !== null) {
          const [date, id] = cursor;
          dated = dated.where((eb) => eb(eb.refTuple("event_date", "id"), "<", eb.tuple(date as string, id)));
        }
        rows = await dated
          // NULLS LAST changes nothing here (no nulls) but matches PostgreSQL's index order, so it is used.
          .orderBy("event_date", (ob) => ob.desc().nullsLast())
          .orderBy("id", "desc")
          .limit(limit + 1)
          .execute();
      }
      if (rows.length <= limit) {
        let undated = q.where("event_date", "is", null);
        if (cursor !== null && cursor[0] === null) undated = undated.where("id", "<", cursor[1]);
        rows = rows.concat(
          await undated
            .orderBy("id", "desc")
            .limit(limit + 1 - rows.length)
            .execute(),
        );
      }
      const items = rows.slice(0, limit).map(toStoredClaim);
      const last = items[items.length - 1];
      const next = rows.length > limit && last ? encodeCursor(["c", last.date, last.claim_id]) : null;
      return { items, next };
    });
  }

  listArticles(filter: ArticleFilter = {}): Promise<Page<ArticleSummary>> {
    return this.wrap("listArticles", JSON.stringify(filter), async () => {
      const limit = pageLimit(filter.limit);
      let q = this.summaryQuery();
      if (filter.q?.trim())
        q = q.where(sql<boolean>`articles.id in (${this.backend.ftsArticleIds(filter.q)})`);
      if (filter.outlet) q = q.where("outlet", "=", filter.outlet);
      if (filter.from)
        q = q.where(sql<boolean>`substr(published, 1, 10) >= ${dateBound(filter.from, "from")}`);
      if (filter.to) q = q.where(sql<boolean>`substr(published, 1, 10) <= ${dateBound(filter.to, "to")}`);
      if (filter.after) q = q.where("articles.id", "<", decodeArticleCursor(filter.after));
      const rows = await q
        .orderBy("articles.id", "desc")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toSummary);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? encodeCursor(["a", last.id]) : null };
    });
  }

  getArticle(id: number): Promise<StoredArticle | null> {
    return this.wrap("getArticle", `article ${id}`, async () => {
      const row = await this.db
        .selectFrom("articles")
        .select(ARTICLE_COLUMNS)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        ...row,
        meta: fromJson(row.meta) as Record<string, unknown>,
        extraction: fromJson(row.extraction) as StoredExtraction | null,
      };
    });
  }

  claimsForArticle(id: number): Promise<StoredClaim[]> {
    return this.wrap("claimsForArticle", `article ${id}`, async () => {
      const rows = await this.db
        .selectFrom("claims")
        .selectAll()
        .where("article_id", "=", id)
        .orderBy("id")
        .execute();
      return rows.map(toStoredClaim);
    });
  }

  searchArticles(q: string, limit = 20): Promise<ArticleHit[]> {
    return this.wrap("searchArticles", JSON.stringify(q), async () => {
      if (!q.trim()) return [];
      const ranked = await this.backend.rankedSearch(this.db, q, pageLimit(limit));
      if (ranked.length === 0) return [];
      const rows = await this.summaryQuery()
        .where(
          "articles.id",
          "in",
          ranked.map((r) => r.id),
        )
        .execute();
      const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
      return ranked.flatMap((r) => {
        const s = byId.get(r.id);
        return s ? [{ ...s, rank: r.rank }] : [];
      });
    });
  }

  counts(): Promise<Counts> {
    return this.wrap("counts", "", async () => {
      const a = await this.db
        .selectFrom("articles")
        .select(sql<string | number>`count(*)`.as("n"))
        .executeTakeFirstOrThrow();
      const c = await this.db
        .selectFrom("claims")
        .select(sql<string | number>`count(*)`.as("n"))
        .executeTakeFirstOrThrow();
      return { articles: Number(a.n), claims: Number(c.n) };
    });
  }

  stats(): Promise<Stats> {
    return this.wrap("stats", "", async () => {
      const counts = await this.counts();
      const nClaims = sql<string | number>`count(*)`;
      const nArticles = sql<string | number>`count(distinct article_id)`;
      const byCountry = await this.db
        .selectFrom("claims")
        .select(["country", nClaims.as("claims"), nArticles.as("articles")])
        .groupBy("country")
        .orderBy("claims", "desc")
        // NULL sorts first in SQLite and last in PostgreSQL unless told: say it, so both agree.
        .orderBy("country", (ob) => ob.asc().nullsLast())
        .execute();
      const month = sql<string | null>`substr(event_date, 1, 7)`;
      const byMonth = await this.db
        .selectFrom("claims")
        .select([month.as("month"), nClaims.as("claims"), nArticles.as("articles")])
        .groupBy(month)
        .orderBy(month, (ob) => ob.asc().nullsLast())
        .execute();
      const byMetric = await this.db
        .selectFrom("claims")
        .select(["metric", nClaims.as("claims")])
        .groupBy("metric")
        .orderBy("claims", "desc")
        .orderBy("metric")
        .execute();
      return {
        ...counts,
        by_country: byCountry.map((r) => ({
          country: r.country,
          claims: Number(r.claims),
          articles: Number(r.articles),
        })),
        by_month: byMonth.map((r) => ({
          month: r.month,
          claims: Number(r.claims),
          articles: Number(r.articles),
        })),
        by_metric: byMetric.map((r) => ({ metric: r.metric, claims: Number(r.claims) })),
      };
    });
  }

  /**
   * Keyset batches by claim id instead of one long-running cursor: works the same on both drivers, holds no
   * connection or transaction between batches (SQLite's single connection stays free for other queries),
   * and memory stays at one batch.
   */
  async *exportRows(): AsyncIterable<ExportRow> {
    let after = 0;
    for (;;) {
      const rows = await this.wrap("exportRows", `claims after id ${after}`, () =>
        this.db
          .selectFrom("claims as c")
          .innerJoin("articles as a", "a.id", "c.article_id")
          .select([
            "c.id as claim_id",
            "c.article_id",
            "c.local_id",
            "c.event_date as date",
            "c.metric",
            "c.value",
            "c.low",
            "c.high",
            "c.qualifier",
            "c.victims",
            "c.victims_text",
            "c.victim_name",
            "c.scope",
            "c.in_headline",
            "c.historical",
            "c.period_start",
            "c.period_end",
            "c.period_precision",
            "c.location_name",
            "c.place",
            "c.country",
            "c.lat",
            "c.lon",
            "c.location_precision",
            "c.perpetrator",
            "c.perpetrator_certainty",
            "c.method",
            "c.source",
            "c.certainty",
            "c.evidence_text",
            "c.sentence_text",
            "c.rule",
            "c.part_of",
            "c.same_as",
            "c.breakdown",
            "a.title as article_title",
            "a.outlet as article_outlet",
            "a.url as article_url",
            "a.published as article_published",
          ])
          .where("c.id", ">", after)
          .orderBy("c.id")
          .limit(EXPORT_BATCH)
          .execute(),
      );
      for (const r of rows) {
        yield {
          ...r,
          in_headline: Boolean(r.in_headline),
          historical: Boolean(r.historical),
          breakdown: JSON.stringify(fromJson(r.breakdown) ?? []),
        };
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_BATCH) return;
      after = last.claim_id;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private summaryQuery() {
    return this.db
      .selectFrom("articles")
      .select([
        "articles.id",
        "external_id",
        "title",
        "published",
        "outlet",
        "url",
        "revision",
        "revision_of",
        "origin",
        "ingested_at",
        sql<string | number>`(select count(*) from claims where claims.article_id = articles.id)`.as(
          "claims",
        ),
      ]);
  }

  private async wrap<T>(operation: string, context: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(operation, context, err);
    }
  }
}

// ---- row mapping ------------------------------------------------------------------------------------

/** SQLite returns JSON columns as text, PostgreSQL (jsonb) already parsed. Stored values are always objects/arrays. */
function fromJson(v: unknown): unknown {
  return typeof v === "string" ? JSON.parse(v) : v;
}

function toStoredClaim(r: Selectable<ClaimsTable>): StoredClaim {
  const hasPeriod = r.period_start !== null || r.period_end !== null || r.period_precision !== null;
  return {
    id: r.local_id,
    claim_id: r.id,
    article_id: r.article_id,
    local_id: r.local_id,
    date: r.event_date,
    metric: r.metric as Claim["metric"],
    victims: r.victims as Claim["victims"],
    victims_text: r.victims_text,
    victim_name: r.victim_name ?? null,
    value: r.value,
    low: r.low,
    high: r.high,
    qualifier: r.qualifier as Claim["qualifier"],
    scope: r.scope as Claim["scope"],
    in_headline: Boolean(r.in_headline),
    historical: Boolean(r.historical),
    period: hasPeriod
      ? {
          start: r.period_start,
          end: r.period_end,
          precision: r.period_precision as NonNullable<Claim["period"]>["precision"],
          text: r.period_text,
        }
      : null,
    location:
      r.location_name !== null
        ? {
            name: r.location_name,
            place: r.place,
            country: r.country,
            lat: r.lat,
            lon: r.lon,
            precision: (r.location_precision ?? "region") as NonNullable<Claim["location"]>["precision"],
            geonameid: r.geonameid,
          }
        : null,
    perpetrator: r.perpetrator,
    perpetrator_certainty: r.perpetrator_certainty as Claim["perpetrator_certainty"],
    method: r.method,
    source: r.source,
    certainty: r.certainty as Claim["certainty"],
    evidence: { text: r.evidence_text, start: r.evidence_start, end: r.evidence_end },
    sentence: { start: r.sentence_start, end: r.sentence_end },
    rule: r.rule,
    breakdown: (fromJson(r.breakdown) ?? []) as Claim["breakdown"],
    part_of: r.part_of,
    same_as: r.same_as,
  };
}

interface SummaryRow extends Omit<ArticleSummary, "claims"> {
  claims: string | number;
}

function toSummary(r: SummaryRow): ArticleSummary {
  return { ...r, claims: Number(r.claims) };
}

function describeArticle(a: ArticleInput): string {
  const parts = [
    a.external_id ? `id ${JSON.stringify(a.external_id)}` : null,
    a.url ? `url ${a.url}` : null,
    a.title ? `title ${JSON.stringify(a.title.slice(0, 80))}` : null,
    `origin ${a.origin}`,
  ];
  return `article ${parts.filter((p) => p !== null).join(", ")}`;
}

// ---- filters and cursors ----------------------------------------------------------------------------

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_LIMIT);
}

/** YYYY-MM-DD from an ISO date or date-time; null for anything else (we never guess a date). */
export function isoDay(s: string | null): string | null {
  if (s === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m?.[1] ?? null;
}

/** Widens YYYY / YYYY-MM to the first or last day so a plain string comparison on YYYY-MM-DD is right. */
export function dateBound(s: string, side: "from" | "to"): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) throw new RangeError(`${side} date must be YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(s)}`);
  const [, y, mo, d] = m;
  if (d !== undefined) return `${y}-${mo}-${d}`;
  if (mo !== undefined) return side === "from" ? `${y}-${mo}-01` : `${y}-${mo}-31`;
  return side === "from" ? `${y}-01-01` : `${y}-12-31`;
}

function encodeCursor(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

function decodeClaimCursor(cursor: string): [string | null, number] {
  const v = decodeCursor(cursor);
  if (
    Array.isArray(v) &&
    v.length === 3 &&
    v[0] === "c" &&
    (v[1] === null || typeof v[1] === "string") &&
    Number.isInteger(v[2])
  ) {
    return [v[1] as string | null, v[2] as number];
  }
  throw new RangeError(`not a claims cursor: ${JSON.stringify(cursor)}`);
}

function decodeArticleCursor(cursor: string): number {
  const v = decodeCursor(cursor);
  if (Array.isArray(v) && v.length === 2 && v[0] === "a" && Number.isInteger(v[1])) return v[1] as number;
  throw new RangeError(`not an articles cursor: ${JSON.stringify(cursor)}`);
}
