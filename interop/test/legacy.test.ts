/**
 * The pre-Apache family against dubbo-ts (issue 9): Dubbox 2.8.x and 2.5.x requests, and the
 * registry URLs 2.5/2.6/Dubbox providers write. Dubbox is not on Maven Central, so its side is
 * (1) real request frames captured from Java 2.7.23 / 2.6.12 rewritten to Dubbox's codec (version
 * "2.8.4" and the int -1 its DubboCodec writes before the descriptor), and (2) node-zookeeper-dubbo
 * (npm) with `dubboVer: "2.8.4"`, a Dubbox-speaking consumer that finds our provider in ZooKeeper.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Application, Code, ServiceUrl } from "@dubbo-ts/core";
import {
  decodeRequestHead,
  decodeRequestRest,
  decodeResponse,
  type Frame,
  FrameDecoder,
  HessianReader,
  hessian2Serialization,
  ResultFlag,
} from "@dubbo-ts/protocol/codec";
import type zookeeper from "node-zookeeper-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createNodeConsumer,
  type NodeProvider,
  registryAddress,
  startNodeProvider,
} from "../node/apps.js";
import { INTEROP_VERSION, TYPE_MATRIX_INTERFACE, TypeMatrixService } from "../node/contract.js";
import { TypeMatrixServiceImpl } from "../node/services.js";
import { MATRIX_METHODS, rejection } from "./suite.js";
import { categoryPath, create, registeredNames, withZookeeper } from "./zookeeper.js";

const GOLDEN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../packages/protocol/test/fixtures/golden",
);

interface Golden {
  name: string;
  frame: Buffer;
  json: { request: { parameterTypes: string[]; method: string } };
}

/** The request frames a real Java consumer of `release` sent (captured-*-request). */
function capturedRequests(release: string): Golden[] {
  return readdirSync(GOLDEN)
    .filter((f) => f.startsWith(`${release}-captured-`) && f.endsWith("-request.bin"))
    .filter((f) => !f.includes("heartbeat"))
    .map((f) => ({
      name: f.slice(`${release}-captured-`.length, -"-request.bin".length),
      frame: readFileSync(path.join(GOLDEN, f)),
      json: JSON.parse(readFileSync(path.join(GOLDEN, f.replace(/\.bin$/, ".json")), "utf8")),
    }));
}

/**
 * The same request as Dubbox 2.8.4 (or another legacy version of the same length) writes it:
 * the dubbo version string replaced, and for 2.8.x the hessian int -1 (0x8f) inserted after the
 * method name (Dubbox DubboCodec.encodeRequestData: `out.writeInt(-1); out.writeUTF(desc)`).
 */
function asLegacy(frame: Buffer, version: "2.8.4" | "2.5.3"): Buffer {
  const body = Buffer.from(frame.subarray(16));
  const reader = new HessianReader(body);
  const apacheVersion = reader.readString();
  if (apacheVersion?.length !== version.length) throw new Error(`cannot rewrite ${apacheVersion}`);
  body.write(version, 1, "latin1"); // a short string: one length byte, then the characters
  for (let i = 0; i < 3; i++) reader.readString(); // path, version, method name
  const parts = [frame.subarray(0, 16), body.subarray(0, reader.pos)];
  if (version === "2.8.4") parts.push(Buffer.from([0x8f]));
  parts.push(body.subarray(reader.pos));
  const out = Buffer.concat(parts);
  out.writeInt32BE(out.length - 16, 12);
  return out;
}

/** Sends one request frame on a fresh connection and returns the response frame. */
function roundTrip(port: number, frame: Buffer): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const decoder = new FrameDecoder();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no response in 10 s"));
    }, 10_000);
    socket.on("connect", () => socket.write(frame));
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      for (const f of decoder.decode(chunk)) {
        if (f.header.event) continue;
        clearTimeout(timer);
        socket.destroy();
        resolve(f);
      }
    });
  });
}

function decodeHead(frame: Buffer, parameterTypes: string[]) {
  const head = decodeRequestHead(frame.subarray(16), hessian2Serialization, { longs: "bigint" });
  const { args, attachments } = decodeRequestRest(head, parameterTypes);
  const { input: _input, ...fields } = head;
  return { ...fields, args, attachments: { ...attachments } };
}

let zk: string;
let provider: NodeProvider;
let grouped: NodeProvider;

beforeAll(async () => {
  zk = inject("zkConnect");
  [provider, grouped] = await Promise.all([
    startNodeProvider({ registry: registryAddress(zk, "interop-legacy-node"), name: "legacy" }),
    // Exported as group "legacy"; its own node goes to an unused root: the planted ones point here.
    startNodeProvider({
      registry: registryAddress(zk, "interop-legacy-unused"),
      name: "grouped",
      application: "interop-node-provider-grouped",
      services: [
        {
          implementation: new TypeMatrixServiceImpl("grouped"),
          contract: TypeMatrixService,
          version: INTEROP_VERSION,
          group: "legacy",
        },
      ],
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([provider?.close(), grouped?.close()]);
});

describe("legacy requests decode to the same invocation as Apache 2.7 ones", () => {
  const apache = capturedRequests("2.7.23");

  it("has the captured 2.7.23 and 2.6.12 request frames", () => {
    expect(apache.map((g) => g.name).sort()).toEqual(
      capturedRequests("2.6.12")
        .map((g) => g.name)
        .sort(),
    );
    expect(apache.length).toBeGreaterThanOrEqual(8);
  });

  for (const g of apache) {
    it(`Dubbox 2.8.4 and 2.5.3 forms of 2.7.23 ${g.name}`, () => {
      const types = g.json.request.parameterTypes;
      const want = decodeHead(g.frame, types);
      for (const version of ["2.8.4", "2.5.3"] as const) {
        const got = decodeHead(asLegacy(g.frame, version), types);
        expect(got.dubboVersion).toBe(version);
        expect({ ...got, dubboVersion: want.dubboVersion }).toEqual(want);
      }
    });
  }

  for (const g of capturedRequests("2.6.12")) {
    it(`com.alibaba 2.6.12 ${g.name} (captured)`, () => {
      const twin = apache.find((a) => a.name === g.name)!;
      const types = g.json.request.parameterTypes;
      const got = decodeHead(g.frame, types);
      const want = decodeHead(twin.frame, types);
      expect(got.dubboVersion).toBe("2.0.2");
      const call = ({ path, version, methodName, descriptor, args }: typeof got) => ({
        path,
        version,
        methodName,
        descriptor,
        args,
      });
      expect(call(got)).toEqual(call(want));
      for (const k of ["path", "interface", "version"]) {
        expect(got.attachments[k]).toEqual(want.attachments[k]);
      }
    });
  }
});

describe("responses follow the caller's version", () => {
  for (const g of capturedRequests("2.7.23")) {
    it(`${g.name}: flags 3/4/5 for 2.0.2, 0/1/2 with the same result for 2.8.4 and 2.5.3`, async () => {
      const returnType = g.name === "echoLong" ? "long" : undefined;
      const read = (f: Frame) =>
        decodeResponse(f.header, f.body!, hessian2Serialization, { longs: "bigint", returnType });
      const modern = read(await roundTrip(provider.port, g.frame));
      for (const version of ["2.8.4", "2.5.3"] as const) {
        const legacy = read(await roundTrip(provider.port, asLegacy(g.frame, version)));
        if (!modern.ok) {
          // e.g. wrongVersion: the same error status and message.
          const channel = (m: string) => m.replace(/channel: .*$/, "channel: …");
          expect(legacy.ok).toBe(false);
          if (legacy.ok) continue;
          expect(legacy.status).toBe(modern.status);
          expect(channel(legacy.message)).toBe(channel(modern.message));
          continue;
        }
        expect(legacy.ok).toBe(true);
        if (!legacy.ok) continue;
        expect(modern.flag).toBeGreaterThanOrEqual(ResultFlag.ExceptionWithAttachments);
        expect(legacy.flag).toBe(modern.flag - 3);
        expect(Object.keys(legacy.attachments)).toEqual([]);
        expect(legacy.value).toEqual(modern.value);
        expect(legacy.exception?.javaClass).toEqual(modern.exception?.javaClass);
        expect(legacy.exception?.rawMessage).toEqual(modern.exception?.rawMessage);
      }
    });
  }
});

describe("registry URLs written by 2.5 / Dubbox providers", () => {
  /** A provider node as 2.5.x / Dubbox 2.8.x register it: default.* keys, no release. */
  function legacyUrl(dubbo: string): string {
    return (
      `dubbo://127.0.0.1:${grouped.port}/${TYPE_MATRIX_INTERFACE}?anyhost=true&application=legacy-${dubbo}` +
      `&default.group=legacy&default.timeout=4000&default.version=${INTEROP_VERSION}&dubbo=${dubbo}` +
      `&generic=false&interface=${TYPE_MATRIX_INTERFACE}&methods=${MATRIX_METHODS}&pid=4242` +
      `&side=provider&timestamp=${Date.now()}`
    );
  }

  for (const dubbo of ["2.5.3", "2.8.4"]) {
    it(`finds and calls a dubbo=${dubbo} provider by default.version/default.group, with default.timeout`, async () => {
      const root = `interop-legacy-${dubbo.replace(/\./g, "")}`;
      const url = legacyUrl(dubbo);
      await withZookeeper(zk, async (client: zookeeper.Client) => {
        const node = `${categoryPath(root, TYPE_MATRIX_INTERFACE, "providers")}/${ServiceUrl.encode(url)}`;
        await create(client, node);
        const consumer: Application = createNodeConsumer({
          registry: registryAddress(zk, root),
          application: `interop-node-consumer-${dubbo}`,
        });
        // No timeout here: only the provider's default.timeout (4000) lets sleep(1500) through.
        const matrix = consumer.reference(TypeMatrixService, {
          version: INTEROP_VERSION,
          group: "legacy",
          retries: 0,
        });
        await consumer.start();
        try {
          expect(await matrix.whoAmI()).toBe("node/grouped");
          expect(await matrix.sleep(1500)).toBe("slept 1500");
          // A version the node does not carry finds nothing.
          const other = consumer.reference(TypeMatrixService, {
            version: "2.0.0",
            group: "legacy",
            check: false,
            retries: 0,
          });
          expect((await rejection(other.whoAmI())).code).toBe(Code.NoInvoker);
        } finally {
          await consumer.close();
        }
      });
    });
  }
});

interface NzdService {
  dispatcher: {
    queue: { destroy(msg?: string): void; isConnect?: boolean }[];
    busyQueue: { destroy(msg?: string): void }[];
  };
  [method: string]: unknown;
}
interface Nzd {
  client: { close(): void };
  zkConnectTimeout?: NodeJS.Timeout;
  Matrix?: NzdService;
}

describe("node-zookeeper-dubbo with dubboVer 2.8.4 (a Dubbox consumer) against our provider", () => {
  let nzd: Nzd;

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const Yoke = require("node-zookeeper-dubbo") as new (options: unknown) => Nzd;
    const log = console.log;
    console.log = () => {}; // it prints colored banners on every event
    try {
      nzd = new Yoke({
        application: { name: "interop-dubbox-consumer" },
        registry: zk,
        dubboVer: "2.8.4",
        root: "interop-legacy-node",
        dependencies: {
          Matrix: { interface: TYPE_MATRIX_INTERFACE, version: INTEROP_VERSION, timeout: 6000 },
        },
      });
      const deadline = Date.now() + 30_000;
      // Its sockets connect after the service object appears; a call before that fails with
      // "no available connection" (seen on a loaded machine).
      while (!nzd.Matrix?.dispatcher.queue.some((s) => s.isConnect) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      console.log = log;
    }
    expect(nzd.Matrix, "node-zookeeper-dubbo found no provider").toBeDefined();
  }, 60_000);

  afterAll(() => {
    if (!nzd) return;
    clearTimeout(nzd.zkConnectTimeout);
    for (const s of [
      ...(nzd.Matrix?.dispatcher.queue ?? []),
      ...(nzd.Matrix?.dispatcher.busyQueue ?? []),
    ])
      s.destroy("closed by the test");
    nzd.client.close();
  });

  const call = (method: string, ...args: unknown[]) =>
    (nzd.Matrix![method] as (...a: unknown[]) => Promise<unknown>)(...args);

  it("calls through the provider URL it read from ZooKeeper; answers carry no attachment flags", async () => {
    // node-zookeeper-dubbo decodes only flags 0/1/2 ("Unknown result flag" otherwise).
    expect(await call("whoAmI")).toBe("node/legacy");
    expect(await call("echoString", { $class: "java.lang.String", $: "héllo 😀 联想" })).toBe(
      "héllo 😀 联想",
    );
    expect(await call("add", { $class: "int", $: 2 }, { $class: "int", $: 3 })).toBe(5);
    expect(await call("echoLong", { $class: "long", $: 42 })).toBe(42);
    expect(await call("returnNull")).toBeNull();
    expect(
      await call("echoAttachment", { $class: "java.lang.String", $: "interop.none" }),
    ).toBeNull();
    expect(
      await call("describe", { $class: "long", $: 7 }, { $class: "java.lang.Integer", $: null }),
    ).toBe("7:null");
  });

  it("gets a business exception as an error", async () => {
    const err = await call(
      "fail",
      { $class: "java.lang.String", $: "dubbox boom" },
      { $class: "int", $: 7 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    // hessian.js turns the decoded com.jd.interop.BrandException into an Error of that name.
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe("com.jd.interop.BrandException");
    expect((err as Error).message).toBe("dubbox boom");
  });

  it("registered a consumer node with dubbo=2.8.4 that we parse", async () => {
    const names = await registeredNames(
      zk,
      "interop-legacy-node",
      TYPE_MATRIX_INTERFACE,
      "consumers",
    );
    const url = names
      .map((n) => ServiceUrl.parse(n))
      .find((u) => u.getParameter("application") === "interop-dubbox-consumer");
    expect(url?.protocol).toBe("consumer");
    expect(url?.getParameter("dubbo")).toBe("2.8.4");
    expect(url?.getParameter("version")).toBe(INTEROP_VERSION);
  });
});
