// `toll extract` on input that is not text (issue 14): refused with a clear error, the rest of the batch read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");

function toll(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/toll.js"), ...args], {
    encoding: "utf8",
    cwd: root,
    env: { ...process.env, TOLL_FROM_SOURCE: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test(
  "a binary file is refused with a clear error and the next file is still read",
  { skip: !existsSync("/bin/ls") && "no /bin/ls" },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "toll-extract-"));
    const text = join(dir, "report.txt");
    writeFileSync(text, "Five people were killed in the market on Monday, police said.");
    const r = toll(["extract", "/bin/ls", text, "--format", "json", "--no-gazetteer"]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /toll extract: \/bin\/ls: binary data \(a program, image or archive\?\), not text or HTML: not read/,
    );
    const docs = JSON.parse(r.stdout) as Array<{ file: string; claims: Array<{ value: number }> }>;
    assert.deepEqual(
      docs.map((d) => [d.file, d.claims.map((c) => c.value)]),
      [[text, [5]]],
    );
  },
);

test("damaged UTF-8 is read as UTF-8 with a warning; an absurd figure is dropped with one", () => {
  const dir = mkdtempSync(join(tmpdir(), "toll-extract-"));
  const file = join(dir, "damaged.txt");
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from("Five people were killed in Bogotá on Monday. ", "utf8"),
      Buffer.from([0xff]),
      Buffer.from(`${"9".repeat(400)} million people were killed.`),
    ]),
  );
  const r = toll(["extract", file, "--format", "json", "--no-gazetteer"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: 1 byte not valid UTF-8 \(the first at byte 46\) replaced by U\+FFFD/);
  const doc = JSON.parse(r.stdout) as {
    article: { text: string };
    claims: Array<{ value: number }>;
    warnings: Array<{ code: string }>;
  };
  assert.match(doc.article.text, /Bogotá/);
  assert.deepEqual(
    doc.claims.map((c) => c.value),
    [5],
  );
  assert.deepEqual(
    doc.warnings.map((w) => w.code),
    ["figure_out_of_range"],
  );
});
