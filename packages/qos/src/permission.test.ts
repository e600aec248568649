import { describe, expect, it } from "vitest";
import {
  type AccessPolicy,
  createWhitelist,
  isLoopback,
  mayConnect,
  mayRun,
  parsePermissionLevel,
} from "./permission.js";

const policy = (over: Partial<AccessPolicy> = {}): AccessPolicy => ({
  acceptForeignIp: false,
  whitelist: createWhitelist("", "w"),
  anonymousLevel: "PUBLIC",
  anonymousAllowCommands: [],
  ...over,
});

describe("QoS access rules (Java 3.3's ForeignHostPermitHandler + DefaultAnonymousAccessPermissionChecker)", () => {
  it("treats 127.0.0.0/8, ::1 and IPv4-mapped loopback as local", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("127.8.9.10")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
    expect(isLoopback("::ffff:10.0.0.1")).toBe(false);
  });

  it("gives a foreign IP only PUBLIC commands by default (live, ready, startup, quit)", () => {
    const p = policy();
    expect(mayConnect(p, "10.1.2.3")).toBe(true);
    expect(mayRun(p, "10.1.2.3", "ready", "PUBLIC")).toBe(true);
    expect(mayRun(p, "10.1.2.3", "ls", "PROTECTED")).toBe(false);
    expect(mayRun(p, "10.1.2.3", "shutdown", "PROTECTED")).toBe(false);
    expect(mayRun(p, "127.0.0.1", "shutdown", "PROTECTED")).toBe(true);
  });

  it("gives whitelisted IPs PROTECTED commands (IPs, CIDR, IPv4 patterns)", () => {
    const p = policy({
      whitelist: createWhitelist("192.168.1.7, 10.0.0.0/8, 172.16.3.*, fd00::/8", "w"),
    });
    expect(mayRun(p, "192.168.1.7", "ls", "PROTECTED")).toBe(true);
    expect(mayRun(p, "::ffff:10.200.0.1", "ls", "PROTECTED")).toBe(true);
    expect(mayRun(p, "172.16.3.99", "ls", "PROTECTED")).toBe(true);
    expect(mayRun(p, "fd12::1", "ls", "PROTECTED")).toBe(true);
    expect(mayRun(p, "192.168.1.8", "ls", "PROTECTED")).toBe(false);
    expect(mayRun(p, "192.168.1.7", "private-cmd", "PRIVATE")).toBe(false);
  });

  it("refuses foreign connections outright with level NONE unless whitelisted or accepted", () => {
    const none = policy({ anonymousLevel: "NONE", whitelist: createWhitelist("10.0.0.5", "w") });
    expect(mayConnect(none, "10.0.0.6")).toBe(false);
    expect(mayConnect(none, "10.0.0.5")).toBe(true);
    expect(mayConnect(none, "127.0.0.1")).toBe(true);
    expect(mayConnect({ ...none, acceptForeignIp: true }, "10.0.0.6")).toBe(true);
  });

  it("lets anonymous callers run the allowed commands whatever their level", () => {
    const p = policy({ anonymousAllowCommands: ["ls"] });
    expect(mayRun(p, "10.1.2.3", "ls", "PROTECTED")).toBe(true);
    expect(mayRun(p, "10.1.2.3", "offline", "PROTECTED")).toBe(false);
  });

  it("rejects a bad whitelist entry or level naming the key", () => {
    expect(() => createWhitelist("10.0.0.0/40", "qosAcceptForeignIpWhitelist")).toThrow(
      /qosAcceptForeignIpWhitelist: "10.0.0.0\/40"/,
    );
    expect(() => parsePermissionLevel("ADMIN", "DUBBO_X")).toThrow(/DUBBO_X is "ADMIN"/);
    expect(parsePermissionLevel("protected", "k")).toBe("PROTECTED");
    expect(parsePermissionLevel("3", "k")).toBe("PRIVATE");
  });
});
