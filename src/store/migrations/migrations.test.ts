// Migrations on a real SQLite file: a database that ran a later migration before an earlier one opens and
// takes the missing one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import type { Migration, MigrationProvider } from "kysely";
import { migrateToLatest, migrationsFor } from "./index.ts";

class Only implements MigrationProvider {
  constructor(private readonly skip: string) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const all = migrationsFor("sqlite");
    delete all[this.skip];
    return Promise.resolve(all);
  }
}

test("a database that ran migrations out of order opens and takes the missing one", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "toll-mig-"));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(path.join(dir, "t.db")) }) });
  try {
    const names = Object.keys(migrationsFor("sqlite"));
    const skipped = names.at(-2)!;
    const first = await new Migrator({ db, provider: new Only(skipped), migrationTableName: "toll_migration", migrationLockTableName: "toll_migration_lock" }).migrateToLatest();
    assert.equal(first.error, undefined);
    assert.ok(!first.results?.some((r) => r.migrationName === skipped));
    await migrateToLatest(db, "sqlite");
    const done = await new Migrator({ db, provider: new Only(""), migrationTableName: "toll_migration", migrationLockTableName: "toll_migration_lock" }).getMigrations();
    assert.deepEqual(done.filter((m) => m.executedAt === undefined).map((m) => m.name), []);
    assert.ok(done.some((m) => m.name === skipped && m.executedAt !== undefined));
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
