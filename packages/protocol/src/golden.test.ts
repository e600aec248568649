import { readdirSync, readFileSync } from "node:fs";
import { defineJavaClass, type JavaClassDefinition, toParameterDescriptor } from "@dubbo-ts/core";
import { describe, expect, it } from "vitest";
import {
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  encodeStringEvent,
  eventKind,
} from "./event.js";
import { readHeader } from "./header.js";
import { hessian2Serialization as h2 } from "./hessian/hessian2-serialization.js";
import { javaClassOf } from "./hessian/java-class-tag.js";
import { decodeRequestHead, decodeRequestRest, encodeRequest } from "./request-codec.js";
import { decodeResponse, encodeErrorResponse, encodeResponse } from "./response-codec.js";

/**
 * Golden frames: every `<name>.bin` + `<name>.json` pair in test/fixtures/golden — written by
 * interop/java's GoldenMain with Java Dubbo's own DubboCodec (2.7.23, 3.3.6), plus the §1.9
 * `doc-*` examples — must decode to what the JSON says, and encoding what we decoded must give the
 * identical bytes (except exceptions: Java's carry a stack trace, ours never do). New pairs are
 * picked up without touching this file.
 */
const dir = new URL("../test/fixtures/golden/", import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".bin"))
  .map((f) => f.slice(0, -4))
  .sort();

interface Golden {
  header: Record<string, unknown>;
  classes?: JavaClassDefinition[];
  request?: {
    dubboVersion: string;
    serviceName: string;
    version: string;
    methodName: string;
    parameterTypes: string[];
    args: unknown[];
    attachments: Record<string, unknown>;
  };
  response?: {
    dubboVersion?: string;
    returnType?: string;
    flag?: number;
    value?: unknown;
    attachments?: Record<string, unknown>;
    exception?: { javaClass: string; message: string; [field: string]: unknown };
    errorMessage?: string;
  };
  event?: "heartbeat" | "readonly" | "writeable";
  encode?: boolean;
}

/** JSON with `$long`/`$date`/`$bytes`/`$map`/`$class` tags → the JS values the decoder produces. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if ("$long" in o) return BigInt(o.$long as string);
  if ("$date" in o) return new Date(o.$date as number);
  if ("$bytes" in o) return Buffer.from(o.$bytes as string, "hex");
  if ("$map" in o)
    return new Map((o.$map as [unknown, unknown][]).map(([k, x]) => [revive(k), revive(x)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (k !== "$class") out[k] = revive(x);
  return out;
}

/** Asserts the `$class` tags of the JSON against the Java classes of the decoded objects. */
function expectClasses(actual: unknown, json: unknown, where: string): void {
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++)
      expectClasses((actual as unknown[])[i], json[i], `${where}[${i}]`);
  } else if (json !== null && typeof json === "object") {
    const o = json as Record<string, unknown>;
    if ("$map" in o) {
      const entries = [...(actual as Map<unknown, unknown>).values()];
      (o.$map as [unknown, unknown][]).forEach(([, x], i) => {
        expectClasses(entries[i], x, `${where}{${i}}`);
      });
      return;
    }
    if (typeof o.$class === "string") expect(javaClassOf(actual), where).toBe(o.$class);
    for (const [k, x] of Object.entries(o)) {
      if (!k.startsWith("$"))
        expectClasses((actual as Record<string, unknown>)[k], x, `${where}.${k}`);
    }
  }
}

function checkRequest(g: Golden, frame: Buffer): void {
  const r = g.request!;
  const header = readHeader(frame);
  const head = decodeRequestHead(frame.subarray(16), h2, { longs: "bigint" });
  expect(head).toMatchObject({
    dubboVersion: r.dubboVersion,
    path: r.serviceName,
    version: r.version,
    methodName: r.methodName,
    descriptor: toParameterDescriptor(r.parameterTypes),
  });
  const { args, attachments } = decodeRequestRest(head, r.parameterTypes);
  expect(args).toEqual(revive(r.args));
  expectClasses(args, r.args, "args");
  expect(attachments).toEqual(revive(r.attachments));
  if (g.encode === false) return;
  const ours = encodeRequest(
    {
      dubboVersion: head.dubboVersion,
      serviceName: head.path,
      version: head.version,
      methodName: head.methodName,
      parameterTypes: r.parameterTypes,
      args,
      attachments,
    },
    { id: header.id, twoWay: header.twoWay, serialization: h2, maxPayload: 0 },
  );
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

function checkResponse(g: Golden, frame: Buffer): void {
  const r = g.response!;
  const header = readHeader(frame);
  const decoded = decodeResponse(header, frame.subarray(16), h2, {
    longs: "bigint",
    returnType: r.returnType,
  });
  if (r.errorMessage !== undefined) {
    expect(decoded).toMatchObject({ ok: false, status: header.status, message: r.errorMessage });
    const ours = encodeErrorResponse(header.id, header.status, r.errorMessage, h2);
    if (g.encode !== false) expect(ours.toString("hex")).toBe(frame.toString("hex"));
    return;
  }
  if (!decoded.ok) throw new Error(`expected status 20, got ${decoded.status}`);
  expect(decoded.flag).toBe(r.flag);
  expect(decoded.attachments).toEqual(revive(r.attachments ?? {}));
  if (r.exception) {
    const { javaClass, message, ...fields } = r.exception;
    expect(decoded.exception).toMatchObject({ javaClass, rawMessage: message });
    expect(decoded.exception?.cause).toMatchObject(revive(fields) as object);
    return; // Java's exception carries its stack trace; ours never does, so the bytes differ by design.
  }
  expect(decoded.exception).toBeUndefined();
  expect(decoded.value).toEqual(revive(r.value ?? null));
  expectClasses(decoded.value, r.value, "value");
  if (g.encode === false) return;
  const { dubbo: _dubbo, ...attachments } = decoded.attachments;
  const ours = encodeResponse(
    { value: decoded.value, returnType: r.returnType, attachments },
    { id: header.id, serialization: h2, dubboVersion: r.dubboVersion ?? "2.0.2", maxPayload: 0 },
  );
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

function checkEvent(g: Golden, frame: Buffer): void {
  const header = readHeader(frame);
  const body = frame.subarray(16);
  expect(eventKind(body, header.serializationId)).toBe(g.event);
  if (g.encode === false) return;
  const ours =
    g.event === "heartbeat"
      ? header.request
        ? encodeHeartbeatRequest(header.id, h2)
        : encodeHeartbeatResponse(header.id, header.serializationId, body)
      : encodeStringEvent(header.id, g.event === "readonly" ? "R" : "W", h2);
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

describe("golden frames", () => {
  it("include frames from Java Dubbo 2.7 and 3.x", () => {
    expect(names.some((n) => n.startsWith("2.7"))).toBe(true);
    expect(names.some((n) => n.startsWith("3."))).toBe(true);
  });

  for (const name of names) {
    it(name, () => {
      const frame = readFileSync(new URL(`${name}.bin`, dir));
      const g = JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8")) as Golden;
      for (const c of g.classes ?? []) defineJavaClass(c);
      const header = readHeader(frame);
      const h = g.header;
      expect({ ...header, id: String(header.id), flag: frame[2] }).toMatchObject({
        request: h.request,
        twoWay: h.twoWay,
        event: h.event,
        serializationId: h.serializationId,
        status: h.status,
        id: h.id,
        ...(h.flag === undefined ? {} : { flag: h.flag }),
      });
      expect(header.bodyLength).toBe(frame.length - 16);
      if (g.event) checkEvent(g, frame);
      else if (g.request) checkRequest(g, frame);
      else if (g.response) checkResponse(g, frame);
      else throw new Error(`${name}.json has no request, response or event`);
    });
  }
});
