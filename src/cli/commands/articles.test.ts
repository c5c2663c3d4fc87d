import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCommand, seedSqlite } from "../../store/fixtures.ts";
import { registerArticles } from "./articles.ts";

let db = "";
let cleanup = () => {};
before(async () => ({ db, cleanup } = await seedSqlite()));
after(() => cleanup());

test("toll articles: lists newest first with claim counts", async () => {
  const { out } = await runCommand(registerArticles, ["articles", "--db", db, "--format", "json"]);
  const { items, next } = JSON.parse(out) as {
    items: { title: string; claims: number }[];
    next: string | null;
  };
  assert.deepEqual(
    items.map((a) => [a.title, a.claims]),
    [
      ["Undated", 2],
      ["Darfur displacement", 1],
      ["Shelling in Kharkiv", 2],
    ],
  );
  assert.equal(next, null);
});

test("toll articles --q: full-text search as a table", async () => {
  const { out } = await runCommand(registerArticles, ["articles", "--db", db, "--q", "shelled kharkiv"]);
  assert.match(out, /Shelling in Kharkiv/);
  assert.doesNotMatch(out, /Darfur/);
  const none = await runCommand(registerArticles, ["articles", "--db", db, "--q", "nothinglikethis"]);
  assert.equal(none.out, "No articles match.\n");
});
