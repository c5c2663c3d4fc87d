// Request schemas (they validate every request and generate /openapi.json) and the main response shapes.
// Query values arrive as strings, hence z.coerce for numbers and explicit "true"/"false" for booleans.
import { z } from "@hono/zod-openapi";
import { CERTAINTIES, METRICS, QUALIFIERS, VICTIM_GROUPS } from "../extract/types.ts";
import { GRADES } from "../reconcile/index.ts";
import { ROLES } from "../store/review.ts";

const DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const dateParam = (name: string, what: string) =>
  z
    .string()
    .regex(DATE, `${name} must be YYYY, YYYY-MM or YYYY-MM-DD`)
    .optional()
    .openapi({ description: what, example: "2017-03" });

/** Page size: an explicit bound, and a 400 above it rather than a silent cap. */
export const limitParam = z.coerce
  .number()
  .int("limit must be a whole number")
  .min(1, "limit must be at least 1")
  .max(10_000, "limit must be at most 10000 (use the cursor in `next` for more)")
  .default(100)
  .openapi({ description: "Page size (default 100, at most 10,000). Follow `next` for the rest: nothing is cut silently." });

export const cursorParam = z
  .string()
  .max(500)
  .optional()
  .openapi({ description: "Opaque cursor from the previous page's `next`." });

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int("id must be a whole number")
    .positive("id must be positive")
    .openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

/**
 * A claim's id in the path: the `id` (equal to `claim_id`) every claim the API returns carries. The extraction's own
 * per-article id ("c4") is `local_id`: it repeats across articles, so it cannot name a claim here.
 */
export const ClaimIdParam = z.object({
  id: z.coerce
    .number({ error: "id must be the claim's numeric id (`id` or `claim_id` in any claim list), not its local_id such as c4" })
    .int("id must be a whole number (the claim's `id`)")
    .positive("id must be positive")
    .openapi({
      param: { name: "id", in: "path" },
      example: 4,
      description: "The claim's `id` as every claim list gives it (the same number as `claim_id`; not `local_id`).",
    }),
});

export const IncidentIdParam = z.object({
  id: z
    .string()
    .regex(/^(?:inc|agg)_[0-9a-z]{1,40}$/, "id must look like inc_…")
    .openapi({ param: { name: "id", in: "path" }, example: "inc_3f2a9c0d1e2b" }),
});

export const ClaimsQuery = z.object({
  from: dateParam("from", "Claims dated on or after (inclusive)."),
  to: dateParam("to", "Claims dated on or before (inclusive)."),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/i, "country must be an ISO 3166-1 alpha-2 code")
    .optional()
    .openapi({ example: "IQ" }),
  place: z.string().min(1).max(200).optional().openapi({ example: "Mosul" }),
  metric: z.enum(METRICS).optional(),
  victims: z.enum(VICTIM_GROUPS).optional(),
  perpetrator: z.string().min(1).max(200).optional(),
  certainty: z.enum(CERTAINTIES).optional(),
  q: z.string().min(1).max(500).optional().openapi({ description: "Full-text query over the claims' articles." }),
  limit: limitParam,
  cursor: cursorParam,
});

export const ArticlesQuery = z.object({
  q: z.string().min(1).max(500).optional(),
  outlet: z.string().min(1).max(200).optional(),
  from: dateParam("from", "Published on or after."),
  to: dateParam("to", "Published on or before."),
  limit: limitParam,
  cursor: cursorParam,
});

export const INCIDENT_SORTS = ["date", "killed", "injured", "claims", "place", "grade"] as const;
export const REVIEW_FILTER = ["unreviewed", "partly", "reviewed"] as const;

/** The incident filters: one set shared by the list, timeline, totals, map and exports, so they always agree. */
export const IncidentFilters = z.object({
  from: dateParam("from", "Incidents whose date window ends on or after."),
  to: dateParam("to", "Incidents whose date window starts on or before."),
  country: z.string().regex(/^[A-Z]{2}$/i, "country must be an ISO 3166-1 alpha-2 code").optional(),
  place: z.string().min(1).max(200).optional().openapi({ description: "Case-insensitive substring of the place." }),
  metric: z.enum(METRICS).optional().openapi({ description: "Only incidents with a total for this metric." }),
  victims: z.enum(VICTIM_GROUPS).optional().openapi({ description: "Only incidents with a figure for this victim group." }),
  perpetrator: z.string().min(1).max(200).optional().openapi({ description: "Case-insensitive substring." }),
  grade: z.enum(GRADES).optional(),
  review: z.enum(REVIEW_FILTER).optional(),
});
export type IncidentFilterQuery = z.infer<typeof IncidentFilters>;

const sortParams = {
  sort: z.enum(INCIDENT_SORTS).default("date").openapi({ description: "grade sorts by strength: confirmed, corroborated, single source, contested." }),
  order: z.enum(["asc", "desc"]).default("desc"),
};

export const IncidentsQuery = IncidentFilters.extend({
  ...sortParams,
  limit: limitParam,
  cursor: cursorParam,
});

export const IncidentExportQuery = IncidentFilters.extend({
  ...sortParams,
  format: z.enum(["csv", "json", "geojson"]).default("csv"),
});

export const TotalsQuery = IncidentFilters.extend({
  by: z.enum(["country", "place", "month"]).default("country"),
});

export const TimelineQuery = IncidentFilters.extend({
  by: z.enum(["week", "month"]).default("month"),
});

export const SearchQuery = z.object({
  q: z.string().min(1, "q must not be empty").max(500),
  limit: z.coerce.number().int().min(1).max(1000, "limit must be at most 1000").default(20),
});

export const ExportQuery = z.object({
  format: z.enum(["csv", "json", "geojson"]).default("json"),
  rejected: z
    .enum(["include", "exclude"])
    .default("exclude")
    .openapi({ description: "Rejected claims are left out unless asked for." }),
});

export const LoginBody = z.object({
  name: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const UserBody = z.object({
  name: z
    .string()
    .regex(/^[\w.@-]{1,64}$/, "name: letters, digits, _ . @ - (at most 64)"),
  role: z.enum(ROLES),
  password: z.string().min(8, "password must be at least 8 characters").max(1024),
});

export const UserNameParam = z.object({
  name: z
    .string()
    .regex(/^[\w.@-]{1,64}$/, "name: letters, digits, _ . @ - (at most 64)")
    .openapi({ param: { name: "name", in: "path" }, example: "ada" }),
});

export const TokenBody = z.object({ name: z.string().min(1).max(100) });

export const IngestBody = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
    filename: z
      .string()
      .regex(/^[\w.-]{1,200}$/, "filename: letters, digits, _ . - only")
      .refine((f) => !/^\.+$/.test(f), "filename: must name a file (not . or ..)")
      .optional()
      .openapi({ description: "Name of the uploaded file (its extension helps detect the kind)." }),
    content: z.string().max(20_000_000).optional().openapi({ description: "The file's text (UTF-8)." }),
    content_base64: z.string().max(28_000_000).optional().openapi({ description: "The file's bytes, base64." }),
  })
  .refine((b) => (b.url ? 1 : 0) + (b.content !== undefined || b.content_base64 !== undefined ? 1 : 0) === 1, {
    message: "give either url, or content / content_base64 (with filename)",
    path: ["url"],
  });

/** The fields an analyst may correct (src/server/incidents.ts CORRECTABLE, kept here so schemas import no server code). */
export const CORRECTABLE_FIELDS = [
  "metric",
  "victims",
  "victims_text",
  "victim_name",
  "value",
  "low",
  "high",
  "qualifier",
  "scope",
  "historical",
  "period_start",
  "period_end",
  "place",
  "country",
  "lat",
  "lon",
  "perpetrator",
  "perpetrator_certainty",
  "method",
  "source",
  "certainty",
] as const;

export const SCOPES = ["incident", "cumulative"] as const;

const count = (name: string) =>
  z
    .number({ error: `${name} must be a whole number of people (0 or more)` })
    .int(`${name} must be a whole number of people`)
    .min(0, `${name} must be 0 or more`)
    .max(Number.MAX_SAFE_INTEGER, `${name} is too large`);

export const Corrections = z
  .object({
    metric: z.enum(METRICS),
    victims: z.enum(VICTIM_GROUPS),
    victims_text: z.string().max(500).nullable(),
    victim_name: z.string().max(200).nullable(),
    value: count("value"),
    low: count("low"),
    high: count("high"),
    qualifier: z.enum(QUALIFIERS),
    scope: z.enum(SCOPES),
    historical: z.boolean(),
    period_start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "period_start must be YYYY-MM-DD").nullable(),
    period_end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "period_end must be YYYY-MM-DD").nullable(),
    place: z.string().max(200).nullable(),
    country: z.string().regex(/^[A-Z]{2}$/, "country must be an upper-case ISO 3166-1 alpha-2 code").nullable(),
    lat: z
      .number({ error: "lat must be a number of degrees between -90 and 90" })
      .min(-90, "lat must be between -90 and 90")
      .max(90, "lat must be between -90 and 90")
      .nullable(),
    lon: z
      .number({ error: "lon must be a number of degrees between -180 and 180" })
      .min(-180, "lon must be between -180 and 180")
      .max(180, "lon must be between -180 and 180")
      .nullable(),
    perpetrator: z.string().max(200).nullable(),
    perpetrator_certainty: z.enum(CERTAINTIES).nullable(),
    method: z.string().max(200).nullable(),
    source: z.string().max(200).nullable(),
    certainty: z.enum(CERTAINTIES).nullable(),
  })
  .partial()
  .strict();

export const ReviewBody = z
  .object({
    action: z.enum(["confirm", "correct", "reject", "undo"]).openapi({
      description:
        "confirm / reject keep the corrections made so far; correct adds to them (a field set back to the machine's value drops its correction); undo drops the corrections of `fields`.",
    }),
    corrections: Corrections.optional(),
    fields: z
      .array(z.enum(CORRECTABLE_FIELDS))
      .min(1, "fields must name at least one corrected field")
      .optional()
      .openapi({ description: "undo: the fields whose correction is dropped (the machine's value shows again)." }),
    note: z.string().max(2000).optional(),
    version: z
      .number({ error: "version must be the number the claim's `version` showed" })
      .int()
      .min(0)
      .optional()
      .openapi({
        description:
          "The claim's `version` when you read it (0: never reviewed). If someone saved since, the answer is 409 with the claim as it is now. Also accepted as an If-Match header (the ETag of GET /api/claims/{id}).",
      }),
  })
  .refine((b) => b.action !== "correct" || (b.corrections && Object.keys(b.corrections).length > 0), {
    message: "correct needs at least one field in corrections",
    path: ["corrections"],
  })
  .refine((b) => b.action === "correct" || b.corrections === undefined, {
    message: "corrections are only allowed with action correct",
    path: ["corrections"],
  })
  .refine((b) => (b.action === "undo") === (b.fields !== undefined), {
    message: "undo needs fields (and only undo takes them)",
    path: ["fields"],
  });

export const MergeBody = z.object({
  other: z.string().regex(/^inc_[0-9a-z]{1,40}$/, "other must be an incident id"),
});

export const SplitBody = z.object({
  claims: z
    .array(z.coerce.number().int().positive())
    .min(1, "claims must list at least one claim id")
    .max(10_000),
});

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000, "limit must be at most 1000").default(100),
  cursor: z.coerce.number().int().positive().optional(),
});

export const QueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000, "limit must be at most 1000").default(50),
  cursor: z.coerce.number().int().positive().optional().openapi({ description: "Claim id to continue after." }),
});

// ---- responses (documented; the handlers build them) ----

export const ErrorResponse = z
  .object({
    error: z.string().openapi({ example: "bad_request" }),
    message: z.string(),
    issues: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
  })
  .openapi("Error");

export const ConflictResponse = z
  .object({
    error: z.literal("conflict"),
    message: z.string(),
    current: z.any().openapi({ description: "The claim as it is now (with its review, version and audit trail)." }),
  })
  .openapi("Conflict");

export const PageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), next: z.string().nullable() }).openapi(name);

export const Figure3 = z.object({ low: z.number(), best: z.number(), high: z.number() }).nullable();

export const IncidentSummarySchema = z
  .object({
    id: z.string(),
    date: z.object({ start: z.string(), end: z.string() }).nullable(),
    place: z.string().nullable(),
    country: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    methods: z.array(z.string()),
    perpetrators: z.array(z.string()),
    grade: z.enum(GRADES),
    killed: Figure3,
    injured: Figure3,
    claims: z.number(),
    articles: z.number(),
    reviewed: z.number(),
    review_status: z.enum(REVIEW_FILTER),
    where_prec: z.enum(["exact", "near", "region", "country"]).nullable(),
    illustrative: z.boolean(),
  })
  .openapi("IncidentSummary");

export const UserSchema = z
  .object({ id: z.number(), name: z.string(), role: z.enum(ROLES), created_at: z.string(), disabled: z.boolean() })
  .openapi("User");

/** Anything JSON: used where the shape is the store's or reconcile's documented type (see their types.ts). */
export const Json = z.any();
