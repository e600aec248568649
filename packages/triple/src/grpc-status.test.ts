import { Code } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import {
  decodeGrpcMessage,
  encodeGrpcMessage,
  GrpcStatus,
  toGrpcStatus,
  toRpcCode,
} from "./grpc-status.js";
import { formatGrpcTimeout, parseGrpcTimeout } from "./grpc-timeout.js";

describe("grpc-message percent-encoding", () => {
  it("keeps printable ASCII and encodes %, controls and UTF-8", () => {
    expect(encodeGrpcMessage("plain text")).toBe("plain text");
    expect(encodeGrpcMessage("50% ü\n")).toBe("50%25 %C3%BC%0A");
    expect(decodeGrpcMessage("50%25 %C3%BC%0A")).toBe("50% ü\n");
  });

  it("keeps a malformed sequence as it is", () => {
    expect(decodeGrpcMessage("bad %zz end%")).toBe("bad %zz end%");
  });
});

describe("status mapping", () => {
  it("maps the table both ways", () => {
    expect(toRpcCode(GrpcStatus.DEADLINE_EXCEEDED)).toBe(Code.Timeout);
    expect(toRpcCode(GrpcStatus.UNAVAILABLE)).toBe(Code.Network);
    expect(toRpcCode(GrpcStatus.UNIMPLEMENTED)).toBe(Code.MethodNotFound);
    expect(toRpcCode(GrpcStatus.PERMISSION_DENIED)).toBe(Code.Forbidden);
    expect(toRpcCode(GrpcStatus.RESOURCE_EXHAUSTED)).toBe(Code.LimitExceeded);
    expect(toRpcCode(GrpcStatus.INVALID_ARGUMENT)).toBe(Code.Unknown);
    expect(toGrpcStatus(Code.Timeout)).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(toGrpcStatus(Code.MethodNotFound)).toBe(GrpcStatus.UNIMPLEMENTED);
    expect(toGrpcStatus(Code.Network)).toBe(GrpcStatus.UNAVAILABLE);
    expect(toGrpcStatus(Code.Biz)).toBe(GrpcStatus.UNKNOWN);
  });
});

describe("grpc-timeout", () => {
  it("parses every unit and refuses malformed values", () => {
    expect(parseGrpcTimeout("2S")).toBe(2000);
    expect(parseGrpcTimeout("1H")).toBe(3_600_000);
    expect(parseGrpcTimeout("1500u")).toBe(1.5);
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
    for (const bad of ["", "10", "123456789m", "-1S", "1x", "1.5S"]) {
      expect(() => parseGrpcTimeout(bad)).toThrow(RangeError);
    }
  });

  it("formats in at most 8 digits", () => {
    expect(formatGrpcTimeout(250)).toBe("250m");
    expect(formatGrpcTimeout(200_000_000)).toBe("200000S");
  });
});
