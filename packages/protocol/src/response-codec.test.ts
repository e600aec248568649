import { Code, defineJavaClass } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import {
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  encodeReadOnlyEvent,
  eventKind,
} from "./event.js";
import { readHeader, Status } from "./header.js";
import { hessian2Serialization as h2 } from "./hessian/hessian2-serialization.js";
import { PayloadError } from "./payload.js";
import {
  decodeResponse,
  encodeErrorResponse,
  encodeResponse,
  isSupportResponseAttachment,
  ResultFlag,
} from "./response-codec.js";

const opts = { id: 1n, serialization: h2, dubboVersion: "2.0.2", maxPayload: 8 << 20 };

function decode(frame: Buffer, returnType?: string) {
  return decodeResponse(readHeader(frame), frame.subarray(16), h2, { returnType });
}

describe("response codec", () => {
  it("encodes the worked-example 'Hello world' response with attachments byte for byte", () => {
    const frame = encodeResponse({ value: "Hello world", returnType: "java.lang.String" }, opts);
    expect(frame.toString("hex")).toBe(
      `dabb0214000000000000000100000${"01b"}94${"0b"}${Buffer.from("Hello world").toString("hex")}48${"05"}${Buffer.from("dubbo").toString("hex")}05${Buffer.from("2.0.2").toString("hex")}5a`,
    );
    expect(decode(frame)).toMatchObject({
      ok: true,
      flag: ResultFlag.ValueWithAttachments,
      value: "Hello world",
    });
  });

  it("uses flags 3/4/5 only for requests whose dubbo version is 2.0.2..2.0.99 (Version.java)", () => {
    expect(isSupportResponseAttachment("2.0.2")).toBe(true);
    expect(isSupportResponseAttachment("2.0.99")).toBe(true);
    expect(isSupportResponseAttachment("2.0.1")).toBe(false);
    expect(isSupportResponseAttachment("2.6.3")).toBe(false);
    expect(isSupportResponseAttachment("")).toBe(false);
  });

  it("round-trips all six result flags", () => {
    const cases: [string, Parameters<typeof encodeResponse>[0], ResultFlag][] = [
      [
        "2.0.0",
        { exception: { javaClass: "java.lang.IllegalStateException", message: "bad" } },
        ResultFlag.Exception,
      ],
      ["2.0.0", { value: 5, returnType: "int" }, ResultFlag.Value],
      ["2.0.0", { value: null }, ResultFlag.NullValue],
      [
        "2.0.2",
        { exception: { javaClass: "java.lang.IllegalStateException", message: "bad" } },
        ResultFlag.ExceptionWithAttachments,
      ],
      [
        "2.0.2",
        { value: 5, returnType: "int", attachments: { k: "v" } },
        ResultFlag.ValueWithAttachments,
      ],
      ["2.0.2", { value: undefined }, ResultFlag.NullValueWithAttachments],
    ];
    for (const [dubboVersion, result, flag] of cases) {
      const decoded = decode(encodeResponse(result, { ...opts, dubboVersion }));
      if (!decoded.ok) throw new Error("expected OK");
      expect(decoded.flag).toBe(flag);
      if (flag === ResultFlag.Exception || flag === ResultFlag.ExceptionWithAttachments) {
        expect(decoded.exception?.code).toBe(Code.Biz);
        expect(decoded.exception?.rawMessage).toBe("bad");
        expect(decoded.exception?.javaClass).toBe("java.lang.IllegalStateException");
      } else expect(decoded.exception).toBeUndefined();
      if (flag === ResultFlag.Value || flag === ResultFlag.ValueWithAttachments)
        expect(decoded.value).toBe(5);
      else expect(decoded.value).toBeNull();
      if (flag >= 3) expect(decoded.attachments.dubbo).toBe("2.0.2");
      if (flag === ResultFlag.ValueWithAttachments) expect(decoded.attachments.k).toBe("v");
    }
  });

  it("writes an exception as HL ThrowableSerializer does: Java field order, cause refers to itself", () => {
    const frame = encodeResponse(
      { exception: { javaClass: "java.lang.RuntimeException", message: "boom" } },
      { ...opts, dubboVersion: "2.0.0" },
    );
    const body = frame.subarray(16).toString("latin1");
    const order = ["suppressedExceptions", "stackTrace", "cause", "detailMessage"].map((f) =>
      body.indexOf(f),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(body).toContain("[java.lang.StackTraceElement");
    // Instance 0x60: suppressed [] (0x78), stackTrace typed [] (0x70 + type), cause = ref 0 (51 90), "boom".
    const hex = frame.subarray(16).toString("hex");
    expect(hex).toContain(
      `607870${"1c"}${Buffer.from("[java.lang.StackTraceElement").toString("hex")}5190`,
    );
    expect(hex.endsWith(`5190${"04"}${Buffer.from("boom").toString("hex")}`)).toBe(true);
  });

  it("writes subclass fields of a registered exception class before Throwable's", () => {
    defineJavaClass({ name: "com.jd.BrandNotFoundException", fields: { brandId: "long" } });
    const source = Object.assign(new Error("no brand"), { brandId: 9 });
    const frame = encodeResponse(
      { exception: { javaClass: "com.jd.BrandNotFoundException", message: "no brand", source } },
      { ...opts, dubboVersion: "2.0.0" },
    );
    const decoded = decode(frame);
    if (!decoded.ok) throw new Error("expected OK");
    expect(decoded.exception?.javaClass).toBe("com.jd.BrandNotFoundException");
    const body = frame.subarray(16).toString("latin1");
    expect(body.indexOf("detailMessage")).toBeLessThan(body.indexOf("brandId"));
  });

  it("encodes and decodes every error status with its string body and RpcError code", () => {
    const expectations: [Status, Code][] = [
      [Status.SerializationError, Code.Serialization],
      [Status.ClientTimeout, Code.Timeout],
      [Status.ServerTimeout, Code.Timeout],
      [Status.ChannelInactive, Code.Network],
      [Status.BadRequest, Code.Network],
      [Status.BadResponse, Code.Network],
      [Status.ServiceNotFound, Code.Network],
      [Status.ServiceError, Code.Network],
      [Status.ServerError, Code.Network],
      [Status.ClientError, Code.Network],
      [Status.ServerThreadpoolExhausted, Code.Network],
    ];
    for (const [status, code] of expectations) {
      const frame = encodeErrorResponse(9n, status, "boom", h2);
      expect(decode(frame)).toEqual({ ok: false, status, code, message: "boom" });
    }
    // docs/wire-format.md's worked example: status 70, message "boom".
    expect(encodeErrorResponse(1n, Status.ServiceError, "boom", h2).toString("hex")).toBe(
      "dabb0246000000000000000100000005" + "04626f6f6d",
    );
  });

  it("keeps the status of an error response written in another serialization (3.2 fastjson2)", () => {
    const frame = encodeErrorResponse(9n, Status.ServiceError, "boom", h2);
    frame[2] = (frame[2]! & 0xe0) | 23;
    expect(decode(frame)).toMatchObject({
      ok: false,
      status: 70,
      code: Code.Network,
      message: expect.stringMatching(/serialization id 23/),
    });
    const ok = encodeResponse({ value: 1, returnType: "int" }, opts);
    ok[2] = (ok[2]! & 0xe0) | 23;
    expect(() => decode(ok)).toThrow(/Unexpected serialization id:23/);
  });

  it("rejects unknown result flags", () => {
    const frame = encodeResponse(
      { value: 1, returnType: "int" },
      { ...opts, dubboVersion: "2.0.0" },
    );
    frame[16] = 0x96; // flag 6
    expect(() => decode(frame)).toThrow(/Unknown result flag/);
  });

  it("fails over the payload limit so the server can answer 25", () => {
    expect(() =>
      encodeResponse(
        { value: "x".repeat(100), returnType: "java.lang.String" },
        { ...opts, maxPayload: 50 },
      ),
    ).toThrow(PayloadError);
  });
});

describe("events", () => {
  it("encodes heartbeats and the read-only event as in docs/wire-format.md", () => {
    expect(encodeHeartbeatRequest(7n, h2).toString("hex")).toBe(
      "dabbe200000000000000000700000001" + "4e",
    );
    expect(encodeHeartbeatResponse(7n, 2, Buffer.from([0x4e])).toString("hex")).toBe(
      "dabb2214000000000000000700000001" + "4e",
    );
    expect(encodeReadOnlyEvent(3n, h2).toString("hex")).toBe(
      "dabba200000000000000000300000002" + "0152",
    );
  });

  it("tells heartbeat, read-only and writeable bodies apart and refuses large event bodies", () => {
    expect(eventKind(Buffer.from([0x4e]), 2)).toBe("heartbeat");
    expect(eventKind(Buffer.from([0x01, 0x52]), 2)).toBe("readonly");
    expect(eventKind(Buffer.from([0x01, 0x57]), 2)).toBe("writeable");
    expect(eventKind(Buffer.alloc(16, 0x4e), 2)).toBe("unknown");
    expect(eventKind(Buffer.from([0x4e]), 23)).toBe("unknown");
  });
});
