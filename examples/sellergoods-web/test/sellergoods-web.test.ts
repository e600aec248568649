/**
 * End to end, in a real headless Chromium: two sellergoods-service processes (SQLite in a temp
 * file) and the sellergoods-web process, all registered in the test ZooKeeper ensemble, and the
 * brand management page driven like a person would. Then the failures the demo must survive: one
 * provider killed with SIGKILL, the ensemble's quorum taken away, and no provider at all.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { testEnsemble } from "@dubbo-ts/test-support";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM, ensureChromium } from "../../../scripts/provision.mjs";
import { findFreePortBase } from "../../../scripts/zk-ensemble.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const resultsDir = path.join(root, "test-results");
const SCREENSHOT = path.join(resultsDir, "sellergoods-web.png");
const SEEDED = 22;

/** A child process with its output kept for the failure report. */
interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

const procs: Proc[] = [];
const ensemble = testEnsemble();
let tmp: string;
let browser: Browser;
let page: Page;
let ports: { a: number; b: number; web: number };
let env: Record<string, string>;
let webUrl: string;

function start(name: string, workspace: string, extraEnv: Record<string, string>): Proc {
  const child = spawn(process.execPath, [path.join(root, workspace, "dist", "main.js")], {
    cwd: path.join(root, workspace),
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2000) output.splice(0, 1000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc = { name, child, output, exited };
  procs.push(proc);
  return proc;
}

async function stop(proc: Proc, signal: NodeJS.Signals): Promise<void> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
  await proc.exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` until it stops throwing; rethrows its last error after `ms`. */
async function eventually<T>(fn: () => Promise<T>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: still failing after ${ms} ms: ${(err as Error).message}`);
      }
      await sleep(250);
    }
  }
}

function listening(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", reject);
  });
}

/** Resolves once `proc` listens on `port`; fails at once, with its output, if it exits first. */
async function waitListening(proc: Proc, port: number): Promise<void> {
  await eventually(
    async () => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
        throw new Error(
          `${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output.join("").slice(-3000)}`,
        );
      }
      await listening(port);
    },
    30_000,
    `${proc.name} on port ${port}`,
  );
}

async function getJson(
  url: string,
): Promise<{ status: number; provider: string | null; body: unknown }> {
  const res = await fetch(`${webUrl}${url}`);
  return { status: res.status, provider: res.headers.get("x-provider"), body: await res.json() };
}

const providerA = () => `:${ports.a}`;
const providerB = () => `:${ports.b}`;

// --- page helpers -----------------------------------------------------------------------------

const summary = () => page.locator("#summary").textContent();
const rowNames = () => page.locator("#rows td.name").allTextContents();
const bannerVisible = () => page.locator("#banner").isVisible();

async function waitForSummary(text: string) {
  await expect.poll(summary, { timeout: 15_000 }).toBe(text);
}

async function search(name: string) {
  await page.fill("#search-name", name);
  await page.click("#search-button");
}

async function resetSearch() {
  await page.click("#search-reset");
}

async function addBrand(name: string, firstChar: string) {
  await page.click("#add-button");
  await page.fill("#brand-name", name);
  await page.fill("#brand-first", firstChar);
  await page.click("#dialog-save");
  await page.locator("#brand-dialog").waitFor({ state: "hidden" });
  await expect.poll(() => page.locator("#toast").textContent()).toBe(`brand "${name}" added`);
}

/** Provider addresses of the last calls, as the page shows them (oldest first). */
function providerHistory(): Promise<string[]> {
  return page.$$eval("#provider-history span", (dots) =>
    dots.map((d) => d.getAttribute("title") ?? ""),
  );
}

/** A few calls from the page (paging back and forth); resolves when all succeeded. */
async function browse() {
  await page.click("#next-page");
  await waitForSummary(`11–20 of ${SEEDED} brands`);
  await page.click("#prev-page");
  await waitForSummary(`1–10 of ${SEEDED} brands`);
  expect(await bannerVisible()).toBe(false);
}

beforeAll(async () => {
  // The processes run the build output: bring it up to date (incremental, quick when nothing changed).
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/typescript/bin/tsc"),
      "-b",
      "examples/sellergoods-service",
      "examples/sellergoods-web",
    ],
    { cwd: root, stdio: "inherit" },
  );
  tmp = mkdtempSync(path.join(tmpdir(), "sellergoods-e2e-"));
  mkdirSync(resultsDir, { recursive: true });
  const base = await findFreePortBase(3);
  ports = { a: base, b: base + 1, web: base + 2 };
  webUrl = `http://127.0.0.1:${ports.web}`;
  env = {
    DUBBO_REGISTRY_ADDRESS: `zookeeper://${inject("zkConnect")}`,
    SELLERGOODS_DB: path.join(tmp, "db", "sellergoods.db"),
    // The registry's provider cache file goes to ~/.dubbo: keep it in the temp dir.
    HOME: tmp,
    // No QoS port (22222 on all interfaces by default): examples/sellergoods-service/test/qos.test.ts covers it.
    DUBBO_APPLICATION_QOS_ENABLE: "false",
  };
  const started = [
    start("service-a", "examples/sellergoods-service", { DUBBO_PROTOCOL_PORT: String(ports.a) }),
    start("service-b", "examples/sellergoods-service", { DUBBO_PROTOCOL_PORT: String(ports.b) }),
    start("web", "examples/sellergoods-web", { PORT: String(ports.web) }),
  ];
  for (const [i, port] of [ports.a, ports.b, ports.web].entries()) {
    await waitListening(started[i]!, port);
  }
  // Both providers are discovered: calls are answered by each of them.
  const seen = new Set<string>();
  await eventually(
    async () => {
      const res = await getJson("/brand/findAll");
      expect(res.status).toBe(200);
      if (res.provider) seen.add(res.provider);
      expect([...seen].some((p) => p.endsWith(providerA()))).toBe(true);
      expect([...seen].some((p) => p.endsWith(providerB()))).toBe(true);
    },
    30_000,
    "calls answered by both providers",
  );
  ensureChromium(); // as root on Debian: apt-get install chromium; else a message how to get one
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(procs.map((p) => stop(p, "SIGKILL")));
  for (const p of procs) {
    writeFileSync(path.join(resultsDir, `sellergoods-${p.name}.log`), p.output.join(""));
  }
  await ensemble.restoreAll();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe("the brand management page", () => {
  it("lists the seeded brands, ten per page, and names the provider that answered", async () => {
    await page.goto(webUrl);
    await waitForSummary(`1–10 of ${SEEDED} brands`);
    expect(await rowNames()).toEqual([
      "联想",
      "华为",
      "三星",
      "小米",
      "OPPO",
      "360",
      "中兴",
      "魅族",
      "苹果",
      "VIVO",
    ]);
    const provider = await page.locator("#provider-address").textContent();
    expect(provider?.endsWith(providerA()) || provider?.endsWith(providerB())).toBe(true);
  });

  it("adds brands through the dialog and finds them with the search", async () => {
    await addBrand("E2E 测试品牌", "e");
    await addBrand("E2E Second", "E");
    await search("E2E");
    await waitForSummary("1–2 of 2 brands");
    expect(await rowNames()).toEqual(["E2E 测试品牌", "E2E Second"]);
    expect(await page.locator("#rows td.first").allTextContents()).toEqual(["E", "E"]);
    // first letter only
    await page.fill("#search-name", "");
    await page.fill("#search-first", "E");
    await page.click("#search-button");
    await waitForSummary("1–2 of 2 brands");
    await page.fill("#search-first", "");
  });

  it("edits a brand, and shows the provider's business error for a duplicate name", async () => {
    await search("E2E");
    await waitForSummary("1–2 of 2 brands");
    const row = page.locator("#rows tr", { hasText: "E2E Second" });
    await row.locator("button", { hasText: "Edit" }).click();
    expect(await page.inputValue("#brand-name")).toBe("E2E Second");
    await page.fill("#brand-name", "华为");
    await page.click("#dialog-save");
    await expect
      .poll(() => page.locator("#dialog-error").textContent())
      .toContain('a brand named "华为" already exists');
    await page.fill("#brand-name", "E2E Renamed");
    await page.fill("#brand-first", "R");
    await page.click("#dialog-save");
    await page.locator("#brand-dialog").waitFor({ state: "hidden" });
    await expect.poll(rowNames).toEqual(["E2E 测试品牌", "E2E Renamed"]);
    expect(await page.locator("#rows td.first").allTextContents()).toEqual(["E", "R"]);
  });

  it("pages through all brands", async () => {
    await resetSearch();
    const total = SEEDED + 2;
    await waitForSummary(`1–10 of ${total} brands`);
    await page.click("#next-page");
    await waitForSummary(`11–20 of ${total} brands`);
    expect((await rowNames())[0]).toBe("诺基亚");
    await page.click('#page-numbers button[data-page="3"]');
    await waitForSummary(`21–24 of ${total} brands`);
    expect(await rowNames()).toEqual(["一加", "格力", "E2E 测试品牌", "E2E Renamed"]);
    expect(await page.isDisabled("#next-page")).toBe(true);
    await page.selectOption("#page-size", "5");
    await waitForSummary(`1–5 of ${total} brands`);
    await page.selectOption("#page-size", "10");
    await waitForSummary(`1–10 of ${total} brands`);
  });

  it("deletes the selected brands", async () => {
    await search("E2E");
    await waitForSummary("1–2 of 2 brands");
    await page.check("#select-all");
    expect(await page.locator("#selection").textContent()).toBe("2 selected");
    await page.click("#delete-button");
    expect(await page.locator("#confirm-text").textContent()).toBe(
      "Delete 2 brands: E2E 测试品牌, E2E Renamed?",
    );
    await page.click("#confirm-ok");
    await expect.poll(() => page.locator("#toast").textContent()).toBe("2 brands deleted");
    await expect.poll(() => page.locator("#empty").isVisible()).toBe(true);
    await resetSearch();
    await waitForSummary(`1–10 of ${SEEDED} brands`);
  });

  it("is answered by both provider instances (load balancing)", async () => {
    for (let i = 0; i < 20; i++) {
      await browse();
      const history = await providerHistory();
      if (
        history.some((p) => p.endsWith(providerA())) &&
        history.some((p) => p.endsWith(providerB()))
      )
        break;
    }
    const history = await providerHistory();
    expect(history.some((p) => p.endsWith(providerA()))).toBe(true);
    expect(history.some((p) => p.endsWith(providerB()))).toBe(true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});

describe("failures", () => {
  it("keeps working when one provider is killed with SIGKILL", async () => {
    await stop(procs.find((p) => p.name === "service-a")!, "SIGKILL");
    await page.reload();
    await waitForSummary(`1–10 of ${SEEDED} brands`);
    for (let i = 0; i < 5; i++) await browse();
    await addBrand("After Kill", "A");
    const history = await providerHistory();
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((p) => p.endsWith(providerB()))).toBe(true);
    await search("After Kill");
    await waitForSummary("1–1 of 1 brands");
    await resetSearch();
  }, 120_000);

  it("keeps working on the cached providers when ZooKeeper has no quorum", async () => {
    try {
      await ensemble.stopNode(1);
      await ensemble.stopNode(2);
      await expect
        .poll(() => ensemble.modeOf(3), { timeout: 20_000 })
        .not.toMatch(/leader|follower/);
      await page.reload();
      await waitForSummary(`1–10 of ${SEEDED + 1} brands`);
      await page.click("#next-page");
      await waitForSummary(`11–20 of ${SEEDED + 1} brands`);
      await search("After Kill");
      await waitForSummary("1–1 of 1 brands");
      // let the registry client notice the lost session and try to reconnect meanwhile
      await sleep(5_000);
      await resetSearch();
      await waitForSummary(`1–10 of ${SEEDED + 1} brands`);
      expect(await bannerVisible()).toBe(false);
      expect((await providerHistory()).at(-1)?.endsWith(providerB())).toBe(true);
    } finally {
      await ensemble.restoreAll();
    }
  }, 180_000);

  it("says clearly when no provider is available, and recovers when one comes back", async () => {
    const b = procs.find((p) => p.name === "service-b")!;
    await stop(b, "SIGTERM");
    expect(b.child.exitCode).toBe(0);
    await eventually(
      async () => {
        await page.reload();
        await expect
          .poll(() => page.locator("#banner-title").textContent(), { timeout: 3_000 })
          .toBe("No BrandService provider is available.");
      },
      60_000,
      "the no-provider message",
    );
    expect(await page.locator("#banner").isVisible()).toBe(true);
    // A provider comes back: the registry tells the web app, and the page works again.
    start("service-a2", "examples/sellergoods-service", { DUBBO_PROTOCOL_PORT: String(ports.a) });
    await eventually(
      async () => {
        await page.click("#banner-retry");
        await expect.poll(summary, { timeout: 2_000 }).toBe(`1–10 of ${SEEDED + 1} brands`);
      },
      60_000,
      "the page after a provider came back",
    );
    expect(await bannerVisible()).toBe(false);
    expect((await providerHistory()).at(-1)?.endsWith(providerA())).toBe(true);
  }, 180_000);
});
