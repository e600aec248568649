import { describe, expect, it } from "vitest";
import { attachmentsToHeaders, headersToAttachments } from "./attachment-headers.js";
import { javaClassName } from "./java-class-name.js";
import {
  decodeRequestWrapper,
  decodeResponseWrapper,
  encodeRequestWrapper,
  encodeResponseWrapper,
} from "./wrapper.js";

describe("TripleRequestWrapper / TripleResponseWrapper", () => {
  it("round-trip with the field numbers of triple_wrapper.proto", () => {
    const req = {
      serializeType: "hessian4",
      args: [Uint8Array.of(1, 2), Uint8Array.of()],
      argTypes: ["java.lang.Long", "[I"],
    };
    const bytes = encodeRequestWrapper(req);
    // field 1 (string) = 0x0a, field 2 (bytes) = 0x12, field 3 (string) = 0x1a
    expect([...bytes.subarray(0, 2)]).toEqual([0x0a, 8]);
    expect(decodeRequestWrapper(bytes)).toEqual({
      serializeType: "hessian4",
      args: [Buffer.of(1, 2), Buffer.of()],
      argTypes: ["java.lang.Long", "[I"],
    });
    const res = { serializeType: "hessian4", data: Uint8Array.of(0x4e), type: "void" };
    expect(decodeResponseWrapper(encodeResponseWrapper(res))).toEqual({
      ...res,
      data: Buffer.of(0x4e),
    });
  });
});

describe("javaClassName", () => {
  it("is Class.getName() of a contract's Java type", () => {
    expect(javaClassName("java.util.List<com.jd.pojo.TbBrand>")).toBe("java.util.List");
    expect(javaClassName("int")).toBe("int");
    expect(javaClassName("int[]")).toBe("[I");
    expect(javaClassName("java.lang.String[]")).toBe("[Ljava.lang.String;");
    expect(javaClassName("java.util.Map<java.lang.String, java.lang.Object>")).toBe(
      "java.util.Map",
    );
  });
});

describe("attachments ↔ headers", () => {
  it("lowercases names, writes bytes as -bin base64, and leaves out what has its own header", () => {
    const headers = attachmentsToHeaders({
      traceId: "abc",
      retries: 3,
      flag: true,
      blob: Uint8Array.of(0xff, 0),
      version: "1.0.0",
      timeout: "100",
      nested: { x: 1 },
      "bad-value": "a\r\nb",
    });
    expect(headers).toEqual({ traceid: "abc", retries: "3", flag: "true", "blob-bin": "/wA=" });
    expect(
      headersToAttachments({
        ":path": "/x/y",
        "content-type": "application/grpc",
        te: "trailers",
        "grpc-timeout": "1S",
        "tri-service-version": "1.0.0",
        traceid: "abc",
        "blob-bin": "/wA=",
      }),
    ).toEqual({ traceid: "abc", blob: Buffer.of(0xff, 0) });
  });
});
