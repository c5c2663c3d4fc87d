// Claim reviews on every backend (SQLite on a real file; PostgreSQL when TOLL_TEST_DATABASE_URL is set): corrections
// accumulate field by field, confirming keeps them, undo restores the machine's value, a stale or racing writer is
// refused with the current review, and every step's audit entry carries before → after per field.
import assert from "node:assert/strict";
import { after, before as nodeBefore, describe, test as nodeTest } from "node:test";
import { makeArticle, makeClaim, makeExtraction } from "./fixtures.ts";
import { openStore } from "./index.ts";
import { ReviewConflict, ReviewRefused, ReviewStore } from "./review.ts";
import { storeTargets } from "./throwaway.ts";
import type { Store } from "./types.ts";

const TARGETS = storeTargets("review suite", "toll_review");

/** The machine's values of the fixture claim, as the server's machineValue would give them. */
const MACHINE: Record<string, unknown> = {
  victims: "civilians",
  source: "police",
  value: 12,
  qualifier: "exact",
};
const machine = (f: string): unknown => MACHINE[f] ?? null;

for (const target of TARGETS) {
  describe(`claim reviews: ${target.name}`, () => {
    let store: Store;
    let reviews: ReviewStore;
    let ids: number[] = [];
    let location = "";
    const skip = target.skip ?? false;
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn);

    nodeBefore(async () => {
      if (skip) return;
      location = await target.setup();
      store = await openStore(location);
      const a = makeArticle({
        url: "https://r.example/1",
        text: "12 civilians were killed in Mosul, police said.",
      });
      await store.saveArticle(
        a,
        makeExtraction(a, [makeClaim({ id: "c1" }), makeClaim({ id: "c2" }), makeClaim({ id: "c3" })]),
        "test-1",
      );
      ids = (await store.claimsForArticle(1)).map((c) => c.claim_id);
      reviews = ReviewStore.of(store);
    });
    after(async () => {
      if (skip) return;
      await store?.close();
      await target.teardown();
    });

    test("two corrections of different fields accumulate, survive a reopen and a confirm; undo restores the machine's value", async () => {
      const id = ids[0]!;
      const r1 = await reviews.reviewClaim(
        id,
        { action: "correct", corrections: { victims: "children" }, version: 0 },
        "ann",
        machine,
      );
      assert.equal(r1.version, 1);
      const r2 = await reviews.reviewClaim(
        id,
        { action: "correct", corrections: { source: "UN report" }, version: 1 },
        "bob",
        machine,
      );
      assert.deepEqual(r2.corrections, { victims: "children", source: "UN report" });
      assert.equal(r2.status, "corrected");
      const r3 = await reviews.reviewClaim(id, { action: "confirm", version: 2 }, "ann", machine);
      assert.equal(r3.status, "confirmed");
      assert.deepEqual(
        r3.corrections,
        { victims: "children", source: "UN report" },
        "confirm keeps the corrections",
      );
      // Another connection (a restarted server) reads the same.
      const other = await openStore(location);
      const read = await ReviewStore.of(other).reviewFor(id);
      await other.close();
      assert.deepEqual(read?.corrections, { victims: "children", source: "UN report" });
      assert.equal(read?.version, 3);
      // Undo of one field: the machine's value shows again, the other correction stays.
      const r4 = await reviews.reviewClaim(
        id,
        { action: "undo", undo: ["victims"], version: 3 },
        "ann",
        machine,
      );
      assert.deepEqual(r4.corrections, { source: "UN report" });
      assert.equal(r4.status, "confirmed");
      await assert.rejects(
        reviews.reviewClaim(id, { action: "undo", undo: ["victims"] }, "ann", machine),
        ReviewRefused,
      );
      // A correction back to the machine's value is an undo of that field.
      const r5 = await reviews.reviewClaim(
        id,
        { action: "correct", corrections: { source: "police" } },
        "ann",
        machine,
      );
      assert.deepEqual(r5.corrections, {});

      const trail = await reviews.auditFor("claim", String(id));
      assert.deepEqual(
        trail.map((e) => e.action),
        ["claim.correct", "claim.correct", "claim.confirm", "claim.undo", "claim.correct"],
      );
      const steps = trail.map(
        (e) =>
          ({ before: e.before, after: e.after }) as {
            before: { status: string | null; fields: Record<string, unknown> };
            after: { status: string; fields: Record<string, unknown> };
          },
      );
      assert.deepEqual(
        steps[0]!.before,
        { status: null, fields: { victims: "civilians" } },
        "the machine's value is the first before",
      );
      assert.deepEqual(steps[0]!.after.fields, { victims: "children" });
      assert.deepEqual(steps[1]!.before.fields, { source: "police" });
      assert.deepEqual(steps[1]!.after.fields, { source: "UN report" });
      assert.deepEqual([steps[2]!.before.status, steps[2]!.after.status], ["corrected", "confirmed"]);
      assert.deepEqual(
        [steps[3]!.before.fields, steps[3]!.after.fields],
        [{ victims: "children" }, { victims: "civilians" }],
      );
      assert.deepEqual(
        [steps[4]!.before.fields, steps[4]!.after.fields],
        [{ source: "UN report" }, { source: "police" }],
      );
    });

    test("a stale writer is refused with the current review; the first write stays", async () => {
      const id = ids[1]!;
      await reviews.reviewClaim(
        id,
        { action: "correct", corrections: { value: 10 }, version: 0 },
        "ann",
        machine,
      );
      await assert.rejects(
        reviews.reviewClaim(
          id,
          { action: "correct", corrections: { victims: "women" }, version: 0 },
          "bob",
          machine,
        ),
        (e: unknown) => {
          assert.ok(e instanceof ReviewConflict);
          assert.equal(e.current?.version, 1);
          assert.deepEqual(e.current?.corrections, { value: 10 });
          assert.match(e.message, /changed by ann/);
          return true;
        },
      );
      assert.deepEqual((await reviews.reviewFor(id))?.corrections, { value: 10 });
      assert.equal(
        (await reviews.auditFor("claim", String(id))).length,
        1,
        "a refused write leaves no audit entry",
      );
      // Undoing the only correction of a corrected claim puts it back in the queue (pending), the row and its
      // version stay, so a writer still holding version 1 is refused.
      const undone = await reviews.reviewClaim(
        id,
        { action: "undo", undo: ["value"], version: 1 },
        "ann",
        machine,
      );
      assert.equal(undone.status, "pending");
      await assert.rejects(
        reviews.reviewClaim(id, { action: "confirm", version: 1 }, "bob", machine),
        ReviewConflict,
      );
    });

    test("two writers racing with the same version: exactly one lands", async () => {
      const id = ids[2]!;
      const results = await Promise.allSettled([
        reviews.reviewClaim(
          id,
          { action: "correct", corrections: { victims: "children" }, version: 0 },
          "ann",
          machine,
        ),
        reviews.reviewClaim(
          id,
          { action: "correct", corrections: { source: "UN" }, version: 0 },
          "bob",
          machine,
        ),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, JSON.stringify(results));
      const lost = results.find((r) => r.status === "rejected");
      assert.ok(
        lost && lost.reason instanceof ReviewConflict,
        String(lost && (lost as PromiseRejectedResult).reason),
      );
      // Without a version the write merges into what is current, even when it races.
      const merged = await Promise.all([
        reviews.reviewClaim(
          id,
          { action: "correct", corrections: { qualifier: "approximately" } },
          "ann",
          machine,
        ),
        reviews.reviewClaim(id, { action: "correct", corrections: { value: 11 } }, "bob", machine),
      ]);
      assert.ok(merged.every((r) => r.version >= 2));
      const now = await reviews.reviewFor(id);
      assert.equal(now?.version, 3);
      assert.equal(now?.corrections["qualifier"], "approximately");
      assert.equal(now?.corrections["value"], 11);
    });
  });
}
