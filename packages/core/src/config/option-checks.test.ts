import { describe, expect, it } from "vitest";
import type { ServiceDefinition } from "../service-definition.js";
import { checkReferenceOptions, checkServiceOptions, parseDirectUrls } from "./option-checks.js";

const definition: ServiceDefinition = {
  interface: "com.x.Svc",
  methods: [{ name: "find", parameterTypes: [], returnType: "void" }],
};
const where = "@Reference Web.svc";

describe("checkReferenceOptions", () => {
  it.each([
    [{ check: "maybe" }, '@Reference Web.svc: check must be true or false, got "maybe"'],
    [
      { timeout: 0 },
      "@Reference Web.svc: timeout must be a positive integer (milliseconds), got 0",
    ],
    [{ retries: 1.5 }, "@Reference Web.svc: retries must be an integer ≥ 0, got 1.5"],
    [
      { cluster: "failsave" },
      "@Reference Web.svc: cluster must be one of failover, failfast, failsafe, failback, forking, broadcast, available",
    ],
    [
      { url: "127.0.0.1:20880" },
      '@Reference Web.svc: url must look like dubbo://host:port (several separated by ";"), got "127.0.0.1:20880"',
    ],
    [
      { url: "dubbo://127.0.0.1" },
      '@Reference Web.svc: url must look like dubbo://host:port (several separated by ";"), got "dubbo://127.0.0.1"',
    ],
    [
      { hashArguments: [] },
      "@Reference Web.svc: hashArguments must be a non-empty array of argument indexes like [0], got []",
    ],
    [
      { hashArguments: [0, -1] },
      "@Reference Web.svc: hashArguments[1] must be an integer ≥ 0, got -1",
    ],
    [{ hashNodes: 2 }, "@Reference Web.svc: hashNodes must be an integer ≥ 4, got 2"],
    [{ forks: "two" }, '@Reference Web.svc: forks must be an integer ≥ -1, got "two"'],
    [
      { parameters: { a: 1 } },
      "@Reference Web.svc: parameters.a must be a string (URL parameters are strings), got 1",
    ],
    [
      { filters: [1] },
      "@Reference Web.svc: filters must be an array of filters ((next) => (invocation) => Promise<Result>)",
    ],
    [
      { version: "1 0" },
      '@Reference Web.svc: version may only contain letters, digits and . _ - * , , got "1 0"',
    ],
    [
      { methods: { fnd: {} } },
      '@Reference Web.svc: methods.fnd: the contract of com.x.Svc has no method "fnd" (it has find)',
    ],
    [
      { methods: { find: { timeout: -3 } } },
      "@Reference Web.svc: methods.find: timeout must be a positive integer (milliseconds), got -3",
    ],
    [
      { methods: { find: { cluster: "failfast" } } },
      '@Reference Web.svc: methods.find: unknown option "cluster"; known options: timeout, retries, loadbalance',
    ],
    [{ delay: 5 }, '@Reference Web.svc: unknown option "delay"; known options: timeout'],
    [
      { contract: 3 },
      "@Reference Web.svc: contract must be a contract class or a ServiceDefinition, got 3",
    ],
  ])("%o", (options, message) => {
    expect(() => checkReferenceOptions(options as never, where, definition)).toThrow(message);
  });

  it("accepts valid options", () => {
    expect(() =>
      checkReferenceOptions(
        {
          version: "1.0.0",
          group: "a,b",
          timeout: 10,
          retries: 0,
          check: false,
          url: "dubbo://127.0.0.1:20881;dubbo://127.0.0.1:20882",
          loadbalance: "consistenthash",
          hashArguments: [0, 1],
          methods: { find: { timeout: 5, actives: 2 } },
          parameters: { "x.y": "z" },
        },
        where,
        definition,
      ),
    ).not.toThrow();
  });
});

describe("checkServiceOptions", () => {
  it.each([
    [{ weight: -1 }, "@Service Impl: weight must be an integer ≥ 0, got -1"],
    [{ warmup: "soon" }, '@Service Impl: warmup must be an integer ≥ 0 (milliseconds), got "soon"'],
    [{ token: "" }, '@Service Impl: token must be a non-empty string like "true", got ""'],
    [{ delay: -5 }, "@Service Impl: delay must be an integer ≥ 0 (milliseconds), got -5"],
    [{ executes: "many" }, '@Service Impl: executes must be an integer ≥ 0, got "many"'],
    [{ register: "no" }, '@Service Impl: register must be true or false, got "no"'],
    [{ check: true }, '@Service Impl: unknown option "check"'],
  ])("%o", (options, message) => {
    expect(() => checkServiceOptions(options as never, "@Service Impl", definition)).toThrow(
      message,
    );
  });
});

describe("parseDirectUrls", () => {
  it("splits on ; and parses each", () => {
    expect(
      parseDirectUrls(" dubbo://127.0.0.1:1 ; dubbo://127.0.0.2:2/com.x.Svc?timeout=5", "url").map(
        String,
      ),
    ).toEqual(["dubbo://127.0.0.1:1/", "dubbo://127.0.0.2:2/com.x.Svc?timeout=5"]);
  });
});
