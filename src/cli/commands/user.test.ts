import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { Command } from "commander";
import { verifyPassword } from "../../server/auth.ts";
import { openStore } from "../../store/index.ts";
import { ReviewStore } from "../../store/review.ts";
import { registerUser } from "./user.ts";

describe("toll user", () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "toll-user-"));
    db = path.join(dir, "u.db");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[], prompted = "from-the-prompt") => {
    let out = "";
    const io = { out: new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }), err: new Writable({ write: (_c, _e, cb) => cb() }) };
    const program = new Command().exitOverride();
    registerUser(program, io, { read: async () => prompted });
    await program.parseAsync(["node", "toll", ...args, "--db", db]);
    return out;
  };

  it("adds the first admin with --password, and a user whose password is prompted", async () => {
    assert.match(await run(["user", "add", "root", "--role", "admin", "--password", "correct horse"]), /user root added \(admin\)/);
    assert.match(await run(["user", "add", "ann", "--role", "analyst"]), /user ann added \(analyst\)/);
    const store = await openStore(db);
    try {
      const r = ReviewStore.of(store);
      const root = await r.userByName("root");
      assert.ok(root && (await verifyPassword("correct horse", root.password_hash)));
      assert.ok(!(await verifyPassword("wrong horse", root.password_hash)));
      const ann = await r.userByName("ann");
      assert.ok(ann && (await verifyPassword("from-the-prompt", ann.password_hash)));
      assert.ok((await r.auditFor("user", "root")).some((a) => a.action === "user.add"));
    } finally {
      await store.close();
    }
  });

  it("refuses a duplicate, a short password and an unknown role; --reset sets a new password", async () => {
    await assert.rejects(run(["user", "add", "root", "--password", "another one"]), /exists/);
    await assert.rejects(run(["user", "add", "bob", "--password", "short"]), /at least 8/);
    await assert.rejects(run(["user", "add", "bob", "--role", "king", "--password", "long enough"]));
    assert.match(await run(["user", "add", "root", "--reset", "--password", "new horse battery"]), /reset/);
  });

  it("lists users and creates tokens", async () => {
    const list = await run(["user", "list"]);
    assert.match(list, /^root\tadmin/m);
    assert.match(list, /^ann\tanalyst/m);
    const token = (await run(["user", "token", "ann"])).trim();
    assert.match(token, /^toll_[\w-]{20,}$/);
    await assert.rejects(run(["user", "token", "nobody"]), /no user/);
  });
});
