// `toll user add NAME --role admin|analyst|viewer`, `toll user list`, `toll user token NAME`, `toll user disable|enable
// NAME`, `toll user tokens NAME`, `toll user revoke NAME [--token ID]`: accounts for `toll serve`.
// The password comes from --password, else from stdin (first line; for scripts), else a prompt that does not echo.
import { InvalidArgumentError, Option } from "commander";
import type { Command } from "commander";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { hashPassword, newSecret, passwordProblem, sha256 } from "../../server/auth.ts";
import { dbOption, defaultIo, withStore } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { ROLES, ReviewStore } from "../../store/review.ts";
import type { Role } from "../../store/review.ts";

export interface PasswordSource {
  /** Reads the password when --password is not given. */
  read(prompt: string): Promise<string>;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trim();
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    let muted = false;
    const out = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        if (!muted) process.stderr.write(chunk);
        cb();
      },
    });
    const rl = createInterface({ input: process.stdin, output: out, terminal: true });
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

export const defaultPasswordSource: PasswordSource = {
  read: (prompt) => (process.stdin.isTTY ? promptHidden(prompt) : readStdinLine()),
};

function parseName(v: string): string {
  if (!/^[\w.@-]{1,64}$/.test(v)) throw new InvalidArgumentError("name: letters, digits, _ . @ - (at most 64)");
  return v;
}

export function registerUser(program: Command, io: Io = defaultIo(), passwords: PasswordSource = defaultPasswordSource): void {
  const user = program.command("user").description("Accounts for `toll serve` (roles: viewer, analyst, admin).");
  user
    .command("add")
    .description("Create a user (the first admin, for example), or with --reset set a new password.")
    .argument("<name>", "login name", parseName)
    .addOption(new Option("--role <role>", "role").choices([...ROLES]).default("viewer"))
    .option("--password <password>", "password (else read from stdin or prompted)")
    .option("--reset", "set a new password for an existing user")
    .addOption(dbOption())
    .action(async (name: string, opts: { role: Role; password?: string; reset?: boolean; db?: string }) => {
      const password = opts.password ?? (await passwords.read(`password for ${name}: `));
      const problem = passwordProblem(password);
      if (problem) throw new Error(problem);
      await withStore(opts.db, async (store) => {
        const reviews = ReviewStore.of(store);
        const existing = await reviews.userByName(name);
        const hash = await hashPassword(password);
        if (existing && !opts.reset) throw new Error(`user ${name} exists (use --reset to set a new password)`);
        if (existing) {
          const ended = await reviews.setPassword(name, hash, "cli");
          io.out.write(`password of ${name} reset; ${ended.sessions} sessions ended, ${ended.tokens} API tokens revoked\n`);
        } else {
          const u = await reviews.addUser(name, opts.role, hash, "cli");
          io.out.write(`user ${u.name} added (${u.role})\n`);
        }
      });
    });
  user
    .command("list")
    .description("List users.")
    .addOption(dbOption())
    .action(async (opts: { db?: string }) => {
      await withStore(opts.db, async (store) => {
        for (const u of await ReviewStore.of(store).listUsers())
          io.out.write(`${u.name}\t${u.role}\t${u.created_at}${u.disabled ? "\tdisabled" : ""}\n`);
      });
    });
  for (const action of ["disable", "enable"] as const)
    user
      .command(action)
      .description(
        action === "disable"
          ? "Disable a user: sessions end at once, API tokens stop working; nothing is deleted (audited)."
          : "Enable a disabled user again (audited).",
      )
      .argument("<name>", "login name", parseName)
      .addOption(dbOption())
      .action(async (name: string, opts: { db?: string }) => {
        await withStore(opts.db, async (store) => {
          const reviews = ReviewStore.of(store);
          if (!(await reviews.userByName(name))) throw new Error(`no user ${name}`);
          await reviews.setDisabled(name, action === "disable", "cli");
          io.out.write(`user ${name} ${action}d\n`);
        });
      });
  user
    .command("tokens")
    .description("List a user's API tokens (id, label, created, revoked); the secrets are never shown again.")
    .argument("<name>", "login name", parseName)
    .addOption(dbOption())
    .action(async (name: string, opts: { db?: string }) => {
      await withStore(opts.db, async (store) => {
        const reviews = ReviewStore.of(store);
        const u = await reviews.userByName(name);
        if (!u) throw new Error(`no user ${name}`);
        for (const t of await reviews.listTokens(u.id))
          io.out.write(`${t.id}\t${t.name}\t${t.created_at}\t${t.revoked_at ? `revoked ${t.revoked_at}` : "live"}\n`);
      });
    });
  user
    .command("revoke")
    .description("Revoke a user's API tokens: every live one, or with --token ID only that one (audited).")
    .argument("<name>", "login name", parseName)
    .option("--token <id>", "the id of one token (see toll user tokens)")
    .addOption(dbOption())
    .action(async (name: string, opts: { token?: string; db?: string }) => {
      if (opts.token !== undefined && !/^\d+$/.test(opts.token)) throw new Error(`--token: expected a token id, got "${opts.token}"`);
      await withStore(opts.db, async (store) => {
        const reviews = ReviewStore.of(store);
        const u = await reviews.userByName(name);
        if (!u) throw new Error(`no user ${name}`);
        const n = await reviews.revokeTokens(u.id, opts.token === undefined ? undefined : Number(opts.token), "cli", u.name);
        if (opts.token !== undefined && n === 0) throw new Error(`no live token ${opts.token} of ${name}`);
        io.out.write(`${n} API token${n === 1 ? "" : "s"} of ${name} revoked\n`);
      });
    });
  user
    .command("token")
    .description("Create an API token for a user (printed once; send as Authorization: Bearer …).")
    .argument("<name>", "login name", parseName)
    .option("--label <label>", "what the token is for", "cli")
    .addOption(dbOption())
    .action(async (name: string, opts: { label: string; db?: string }) => {
      await withStore(opts.db, async (store) => {
        const reviews = ReviewStore.of(store);
        const u = await reviews.userByName(name);
        if (!u) throw new Error(`no user ${name}`);
        const token = newSecret("toll_");
        await reviews.createToken(u.id, opts.label, sha256(token), "cli");
        io.out.write(`${token}\n`);
      });
    });
}
