/**
 * The Nest example end to end: a real sellergoods-service provider process (SQLite in a temp
 * file) and the sellergoods-nest process, both registered in the test ZooKeeper ensemble; the
 * brand JSON endpoints are called over HTTP and must answer as sellergoods-web's do. Then SIGTERM:
 * Nest's shutdown hooks close the Dubbo application, which removes its consumer node.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rawClient } from "@dubbo-ts/test-support";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePortBase } from "../../../scripts/zk-ensemble.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CONSUMERS = "/dubbo/com.jd.sellergoods.service.BrandService/consumers";
const SEEDED = 22;

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const procs: Proc[] = [];
let tmp: string;
let baseUrl: string;
let ports: { provider: number; web: number };

function start(name: string, workspace: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [path.join(root, workspace, "dist", "main.js")], {
    cwd: path.join(root, workspace),
    env: {
      ...process.env,
      DUBBO_REGISTRY_ADDRESS: `zookeeper://${inject("zkConnect")}`,
      SELLERGOODS_DB: path.join(tmp, "db", "sellergoods.db"),
      HOME: tmp,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2000) output.splice(0, 1000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited: Proc["exited"] = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const proc = { name, child, output, exited };
  procs.push(proc);
  return proc;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` until it stops throwing; rethrows its last error (with `proc`'s output) after `ms`. */
async function eventually<T>(fn: () => Promise<T>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) {
        const logs = procs
          .map((p) => `--- ${p.name}\n${p.output.join("").slice(-3000)}`)
          .join("\n");
        throw new Error(
          `${what}: still failing after ${ms} ms: ${(err as Error).message}\n${logs}`,
        );
      }
      await sleep(250);
    }
  }
}

function listening(port: number, proc: Proc): Promise<void> {
  return new Promise((resolve, reject) => {
    if (proc.child.exitCode !== null) {
      reject(new Error(`${proc.name} exited with ${proc.child.exitCode}`));
      return;
    }
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", reject);
  });
}

async function call(
  url: string,
  init?: { method: string; body?: string },
): Promise<{ status: number; provider: string | null; body: unknown }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    ...(init?.body === undefined ? {} : { body: init.body }),
  });
  return { status: res.status, provider: res.headers.get("x-provider"), body: await res.json() };
}

/** The consumer nodes of BrandService, as every client sees them once its writes are applied. */
async function consumers(connect: string): Promise<string[]> {
  const zk = await rawClient(connect);
  try {
    return await zk.children(CONSUMERS);
  } finally {
    await zk.close();
  }
}

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/typescript/bin/tsc"),
      "-b",
      "examples/sellergoods-service",
      "examples/sellergoods-nest",
    ],
    { cwd: root, stdio: "inherit" },
  );
  tmp = mkdtempSync(path.join(tmpdir(), "sellergoods-nest-"));
  const base = await findFreePortBase(2);
  ports = { provider: base, web: base + 1 };
  baseUrl = `http://127.0.0.1:${ports.web}`;
  const provider = start("service", "examples/sellergoods-service", {
    DUBBO_PROTOCOL_PORT: String(ports.provider),
  });
  const web = start("nest", "examples/sellergoods-nest", { PORT: String(ports.web) });
  await eventually(() => listening(ports.provider, provider), 60_000, "provider listening");
  await eventually(() => listening(ports.web, web), 60_000, "nest app listening");
  await eventually(
    async () => {
      const res = await call("/brand/findAll");
      expect(res.status).toBe(200);
    },
    30_000,
    "BrandService reachable from the Nest app",
  );
}, 240_000);

afterAll(async () => {
  for (const p of procs) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await p.exited;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe("sellergoods-nest's brand endpoints", () => {
  it("lists, pages and finds the seeded brands, naming the provider that answered", async () => {
    const all = await call("/brand/findAll");
    expect(all.status).toBe(200);
    expect((all.body as unknown[]).length).toBe(SEEDED);
    expect(all.provider).toBe(`127.0.0.1:${ports.provider}`);
    const page = await call("/brand/findPage?page=2&rows=10");
    expect(page.body).toMatchObject({ total: SEEDED });
    expect((page.body as { rows: unknown[] }).rows).toHaveLength(10);
    const one = await call("/brand/findOne?id=1");
    expect(one.body).toEqual({ id: 1, name: "联想", firstChar: "L" });
    const none = await call("/brand/findOne?id=999999");
    expect(none).toMatchObject({ status: 200, body: null });
  });

  it("adds, searches, updates and deletes a brand", async () => {
    const added = await call("/brand/add", {
      method: "POST",
      body: JSON.stringify({ name: "Nest 测试", firstChar: "N" }),
    });
    expect(added).toMatchObject({
      status: 200,
      body: { success: true, message: 'brand "Nest 测试" added' },
    });
    const found = await call("/brand/search?page=1&rows=10", {
      method: "POST",
      body: JSON.stringify({ name: "Nest" }),
    });
    const rows = (found.body as { rows: { id: number; name: string }[] }).rows;
    expect(rows.map((r) => r.name)).toEqual(["Nest 测试"]);
    const id = rows[0]!.id;
    const updated = await call("/brand/update", {
      method: "POST",
      body: JSON.stringify({ id, name: "Nest 改", firstChar: "N" }),
    });
    expect(updated.body).toEqual({ success: true, message: `brand ${id} updated` });
    expect((await call(`/brand/findOne?id=${id}`)).body).toEqual({
      id,
      name: "Nest 改",
      firstChar: "N",
    });
    const deleted = await call(`/brand/delete?ids=${id}`);
    expect(deleted.body).toEqual({ success: true, message: "1 brand deleted" });
    const all = await call("/brand/search", { method: "POST" });
    expect(all.body).toMatchObject({ total: SEEDED });
  });

  it("answers bad parameters and business errors as sellergoods-web does", async () => {
    const badPage = await call("/brand/findPage?page=0");
    expect(badPage).toMatchObject({
      status: 400,
      body: {
        success: false,
        code: "BadRequest",
        message: 'page must be a whole number ≥ 1, got "0"',
      },
    });
    const noIds = await call("/brand/delete?ids=");
    expect(noIds).toMatchObject({ status: 400, body: { code: "BadRequest" } });
    const malformed = await call("/brand/add", { method: "POST", body: "{bad" });
    expect(malformed).toMatchObject({ status: 400, body: { success: false, code: "BadRequest" } });
    // The provider refuses an empty name: a business exception travels back as Code.Biz → 400.
    const empty = await call("/brand/add", { method: "POST", body: JSON.stringify({ name: " " }) });
    expect(empty).toMatchObject({ status: 400, body: { success: false, code: "Biz" } });
  });

  it("closes the Dubbo application through Nest's shutdown hooks on SIGTERM", async () => {
    const zk = inject("zkConnect");
    const mine = (nodes: string[]) =>
      nodes.filter((n) => decodeURIComponent(n).includes("application=jd-sellergoods-nest"));
    await eventually(
      async () => {
        const nodes = await consumers(zk);
        expect(mine(nodes)).toHaveLength(1);
      },
      20_000,
      "the Nest app's consumer node",
    );
    const web = procs.find((p) => p.name === "nest")!;
    web.child.kill("SIGTERM");
    // Nest's shutdown hooks close the application, then raise the signal again to exit.
    const exit = await web.exited;
    expect(exit.code === 0 || exit.signal === "SIGTERM", JSON.stringify(exit)).toBe(true);
    // Nest logs failures at ERROR level, and an uncaught one prints its Error: stack.
    expect(web.output.join("")).not.toMatch(/\bERROR\b|Error:/);
    // Unregistered by the graceful close, not left to the session timeout.
    const nodes = await consumers(zk);
    expect(mine(nodes)).toEqual([]);
  });
});
