// Versioned migrations, applied on open through Kysely's Migrator with a static provider (no directory scan,
// so they work the same from tsx, a bundle or a test). Add a new file per version and list it below; never
// edit a released one.
import { Migrator, sql } from "kysely";
import { retryBusy } from "../errors.ts";
import type { Kysely, Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_initial.ts";
import * as m0002 from "./0002_claim_same_as.ts";
import * as m0003 from "./0003_review.ts";
import * as m0005 from "./0005_incidents.ts";
import * as m0006 from "./0006_recon_profiles.ts";
import * as m0007 from "./0007_claim_victim_name.ts";
import * as m0008 from "./0008_review_versions.ts";
import * as m0009 from "./0009_source_families.ts";

export type BackendKind = "sqlite" | "postgres";

interface VersionedMigration {
  up(db: Kysely<unknown>, kind: BackendKind): Promise<void>;
  down?(db: Kysely<unknown>, kind: BackendKind): Promise<void>;
}

/** In order; names sort lexically, which is the order Kysely applies them in. */
const MIGRATIONS: Record<string, VersionedMigration> = {
  "0001_initial": m0001,
  "0002_claim_same_as": m0002,
  "0003_review": m0003,
  "0005_incidents": m0005,
  "0006_recon_profiles": m0006,
  "0007_claim_victim_name": m0007,
  "0008_review_versions": m0008,
  "0009_source_families": m0009,
};

export function migrationsFor(kind: BackendKind): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    const down = m.down;
    out[name] = {
      up: (db) => m.up(db as Kysely<unknown>, kind),
      ...(down ? { down: (db: Kysely<unknown>) => down(db, kind) } : {}),
    };
  }
  return out;
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly kind: BackendKind) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrationsFor(this.kind));
  }
}

/** Arbitrary constant naming the advisory lock that serialises Toll's migrations on PostgreSQL. */
const MIGRATION_LOCK = 7_463_201_000;

/**
 * Brings the database to the latest version; throws with the failing migration's name. Two processes opening a new
 * database at once migrate one after the other: on PostgreSQL under a session advisory lock held on a reserved
 * connection for the whole run (Kysely's own lock covers only the migrations, not the creation of its bookkeeping
 * tables before them); on SQLite the migrator's transaction begins IMMEDIATE (see sqlite/index.ts), which is the
 * database's one write lock, and the bookkeeping tables are created with IF NOT EXISTS and checked again on error.
 */
export async function migrateToLatest(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  if (kind === "sqlite") {
    // Kysely runs SQLite migrations outside any transaction (its adapter reports no transactional DDL), so its
    // migration lock guards nothing there. Run the whole check-and-migrate on one connection inside BEGIN IMMEDIATE:
    // the database's one write lock, so a second process waits (busy_timeout) and then sees the migrations done.
    return retryBusy(() =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          await migrateUnlocked(conn, kind);
          await sql`commit`.execute(conn);
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      }),
    );
  }
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await migrateUnlocked(db, kind);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

async function migrateUnlocked(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(kind),
    migrationTableName: "toll_migration",
    migrationLockTableName: "toll_migration_lock",
    // Every migration adds what it names and nothing depends on the order of two of them, so a database that
    // ran a later one first (a development copy, a branch merged out of order) takes the missing one now
    // instead of refusing to open.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(unknown)";
    throw new Error(
      `migration ${failed} failed on ${kind}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}
