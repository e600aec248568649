import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ServiceUrl, silentLogger } from "@dubbo-ts/core/spi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCacheFile, RegistryCache } from "./registry-cache.js";

describe("RegistryCache", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "registry-cache-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const p1 = ServiceUrl.parse(
    "dubbo://10.0.0.5:30001/a.B?application=p&interface=a.B&methods=x,y&version=1.0.0",
  );
  const empty = ServiceUrl.parse("empty://10.0.0.9/a.B?category=routers&interface=a.B");

  it("writes Java's format: one key per service key, URLs space-separated", async () => {
    const file = path.join(dir, "sub", "c.cache");
    const cache = new RegistryCache(file, silentLogger);
    cache.set("a.B:1.0.0", [p1, empty]);
    await cache.flush();
    const text = await readFile(file, "latin1");
    const lines = text.split("\n");
    expect(lines[0]).toBe("#Dubbo Registry Cache");
    expect(lines[1]).toMatch(/^#\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}$/);
    expect(lines[2]).toBe(
      "a.B\\:1.0.0=dubbo\\://10.0.0.5\\:30001/a.B?application\\=p&interface\\=a.B&methods\\=x,y&version\\=1.0.0 empty\\://10.0.0.9/a.B?category\\=routers&interface\\=a.B",
    );
    expect(await readdir(path.dirname(file))).toEqual(["c.cache"]);
  });

  it("serves what another instance wrote, and nothing for unknown or invalid keys", async () => {
    const file = path.join(dir, "c.cache");
    const writer = new RegistryCache(file, silentLogger);
    writer.set("a.B:1.0.0", [p1]);
    writer.set("1bad", [p1]);
    await writer.flush();
    const reader = new RegistryCache(file, silentLogger);
    await reader.load();
    expect(reader.get("a.B:1.0.0")?.map((u) => u.toFullString())).toEqual([p1.toFullString()]);
    expect(reader.get("a.C")).toBeUndefined();
    expect(reader.get("1bad")).toBeUndefined();
  });

  it("starts empty from a missing or garbled file and replaces it atomically", async () => {
    const file = path.join(dir, "c.cache");
    const missing = new RegistryCache(file, silentLogger);
    await missing.load();
    expect(missing.get("a.B")).toBeUndefined();
    await writeFile(file, "a.B=\\uZZZZ\n");
    const garbled = new RegistryCache(file, silentLogger);
    await garbled.load();
    expect(garbled.get("a.B")).toBeUndefined();
    garbled.set("a.B", [p1]);
    await garbled.flush();
    expect(await readFile(file, "latin1")).toContain("a.B=dubbo");
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("names the default file like Java", () => {
    expect(defaultCacheFile("demo-consumer", "127.0.0.1:2181")).toBe(
      path.join(os.homedir(), ".dubbo", "dubbo-registry-demo-consumer-127.0.0.1-2181.cache"),
    );
  });
});
