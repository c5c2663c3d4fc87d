// `toll user add NAME --role admin|analyst|viewer`, `toll user list`, `toll user token NAME`: accounts for `toll serve`.
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
          await reviews.setPassword(name, hash, "cli");
          io.out.write(`password of ${name} reset\n`);
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
