import { readdirSync, readFileSync } from "node:fs";
import {
  ECHO_PARAMETER_TYPES,
  GENERIC_PARAMETER_TYPES,
  toParameterDescriptor,
} from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import {
  brandService,
  demoService,
  registerInteropClasses,
  typeMatrixService,
} from "../test/fixtures/interop-contract.js";
import { toJavaJson } from "../test/fixtures/java-json.js";
import {
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  encodeStringEvent,
  eventKind,
} from "./event.js";
import { readHeader } from "./header.js";
import { hessian2Serialization as h2 } from "./hessian/hessian2-serialization.js";
import { decodeRequestHead, decodeRequestRest, encodeRequest } from "./request-codec.js";
import { decodeResponse, encodeErrorResponse, encodeResponse } from "./response-codec.js";

/**
 * Golden frames: every `<name>.bin` + `<name>.json` pair in test/fixtures/golden — written by
 * interop/java's GoldenMain with Java Dubbo's own DubboCodec (2.7.23, 3.3.6), plus the hand-made
 * `doc-*` examples; format in the README there — must decode to what Java decoded, and encoding
 * what we decoded must give the identical bytes (except exceptions: Java's carry a stack trace,
 * ours never do). New pairs are picked up without touching this file; their Java classes must be
 * known (test/fixtures/interop-contract.ts).
 */
const dir = new URL("../test/fixtures/golden/", import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".bin"))
  .map((f) => f.slice(0, -4))
  .sort();

interface Golden {
  name: string;
  header: Record<string, unknown>;
  request?: {
    dubboVersion: string;
    path: string;
    version: string;
    method: string;
    descriptor: string;
    parameterTypes?: string[];
    args: unknown[];
    attachments: Record<string, unknown>;
  };
  response?: {
    flag: number;
    returnType?: string;
    requestDubboVersion?: string;
    value?: unknown;
    exception?: { class: string; message: string; [field: string]: unknown };
    attachments?: Record<string, unknown>;
  };
  error?: { message: string };
  event?: { data: "R" | "W" | null };
}

/** Parameter types: from the JSON, else from the contracts (and $echo / $invoke). */
function parameterTypesOf(r: NonNullable<Golden["request"]>): readonly string[] {
  if (r.parameterTypes) return r.parameterTypes;
  if (r.method === "$echo") return ECHO_PARAMETER_TYPES;
  if (r.method === "$invoke") return GENERIC_PARAMETER_TYPES;
  const contract = [typeMatrixService, brandService, demoService].find(
    (c) => c.interface === r.path,
  );
  const m = contract?.methods.find(
    (x) => x.name === r.method && toParameterDescriptor(x.parameterTypes) === r.descriptor,
  );
  if (!m) throw new Error(`no parameterTypes for ${r.path}.${r.method}(${r.descriptor})`);
  return m.parameterTypes;
}

function checkRequest(g: Golden, frame: Buffer): void {
  const r = g.request!;
  const header = readHeader(frame);
  const head = decodeRequestHead(frame.subarray(16), h2, { longs: "bigint" });
  expect(head).toMatchObject({
    dubboVersion: r.dubboVersion,
    path: r.path,
    version: r.version,
    methodName: r.method,
    descriptor: r.descriptor,
  });
  const types = parameterTypesOf(r);
  expect(toParameterDescriptor(types)).toBe(r.descriptor);
  const { args, attachments } = decodeRequestRest(head, types);
  expect(args.map((a, i) => toJavaJson(a, types[i]))).toEqual(r.args);
  expect(toJavaJson(attachments)).toEqual(r.attachments);
  const ours = encodeRequest(
    {
      dubboVersion: head.dubboVersion,
      serviceName: head.path,
      version: head.version,
      methodName: head.methodName,
      parameterTypes: types,
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
  if (!decoded.ok) throw new Error(`expected status 20, got ${decoded.status}`);
  expect(decoded.flag).toBe(r.flag);
  expect(toJavaJson(decoded.attachments)).toEqual(r.attachments ?? {});
  if (r.exception) {
    const { class: javaClass, message, ...fields } = r.exception;
    expect(decoded.exception).toMatchObject({ javaClass, rawMessage: message });
    const cause = decoded.exception?.cause as Record<string, unknown>;
    for (const [k, v] of Object.entries(fields)) expect(toJavaJson(cause[k])).toEqual(v);
    return; // Java's exception carries its stack trace; ours never does, so the bytes differ by design.
  }
  expect(decoded.exception).toBeUndefined();
  expect(toJavaJson(decoded.value, r.returnType)).toEqual(r.value ?? null);
  // hessian-lite 4's opt-in compact java.time form is read, never written (both Java lines read handles).
  if (g.name.endsWith("-compact")) return;
  const { dubbo: _dubbo, ...attachments } = decoded.attachments;
  const ours = encodeResponse(
    { value: decoded.value, returnType: r.returnType, attachments },
    {
      id: header.id,
      serialization: h2,
      dubboVersion: r.requestDubboVersion ?? (decoded.flag >= 3 ? "2.0.2" : "2.5.3"),
      maxPayload: 0,
    },
  );
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

function checkError(g: Golden, frame: Buffer): void {
  const header = readHeader(frame);
  const decoded = decodeResponse(header, frame.subarray(16), h2);
  expect(decoded).toMatchObject({ ok: false, status: header.status, message: g.error!.message });
  const ours = encodeErrorResponse(header.id, header.status, g.error!.message, h2);
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

function checkEvent(g: Golden, frame: Buffer): void {
  const header = readHeader(frame);
  const body = frame.subarray(16);
  const data = g.event!.data;
  expect(eventKind(body, header.serializationId)).toBe(
    data === null ? "heartbeat" : data === "R" ? "readonly" : "writeable",
  );
  const ours =
    data === null
      ? header.request
        ? encodeHeartbeatRequest(header.id, h2)
        : encodeHeartbeatResponse(header.id, header.serializationId, body)
      : encodeStringEvent(header.id, data, h2);
  expect(ours.toString("hex")).toBe(frame.toString("hex"));
}

describe("golden frames", () => {
  registerInteropClasses();

  it("include frames from Java Dubbo 2.7 and 3.x", () => {
    expect(names.some((n) => n.startsWith("2.7"))).toBe(true);
    expect(names.some((n) => n.startsWith("3."))).toBe(true);
  });

  for (const name of names) {
    it(name, () => {
      const frame = readFileSync(new URL(`${name}.bin`, dir));
      const g = JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8")) as Golden;
      const header = readHeader(frame);
      expect({ ...header, id: String(header.id), flag: frame[2], magic: "0xdabb" }).toMatchObject(
        g.header,
      );
      expect(frame.readUInt16BE(0)).toBe(0xdabb);
      expect(header.bodyLength).toBe(frame.length - 16);
      if (g.event) checkEvent(g, frame);
      else if (g.request) checkRequest(g, frame);
      else if (g.response) checkResponse(g, frame);
      else if (g.error) checkError(g, frame);
      else throw new Error(`${name}.json has no request, response, error or event section`);
    });
  }
});
