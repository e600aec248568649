import type { MethodOptions, ReferenceOptions, ServiceOptions } from "../decorators/options.js";
import type { ServiceDefinition } from "../service-definition.js";
import { ServiceUrl } from "../service-url.js";
import { checkBoolean, checkInteger, checkSection, checkText } from "./checks.js";
import { checkValue } from "./value-kinds.js";

type Kind = Parameters<typeof checkValue>[0];

const METHOD_KINDS: Record<keyof MethodOptions, Kind | "special"> = {
  timeout: "timeout",
  retries: "count",
  loadbalance: "loadbalance",
  actives: "count",
  executes: "count",
  weight: "count",
  sticky: "bool",
  forks: "special",
  hashArguments: "special",
  hashNodes: "special",
  parameters: "special",
};

const SERVICE_KINDS: Record<string, Kind | "special"> = {
  ...METHOD_KINDS,
  interface: "special",
  contract: "special",
  version: "key",
  group: "key",
  protocol: "special",
  cluster: "cluster",
  filters: "special",
  methods: "special",
  warmup: "ms",
  token: "token",
  delay: "ms",
  accesslog: "accesslog",
  register: "bool",
  deprecated: "bool",
  dynamic: "bool",
};

const REFERENCE_KINDS: Record<string, Kind | "special"> = {
  ...METHOD_KINDS,
  interface: "special",
  contract: "special",
  version: "key",
  group: "key",
  protocol: "special",
  cluster: "cluster",
  filters: "special",
  methods: "special",
  check: "bool",
  url: "special",
  connections: "count",
  register: "bool",
};

function checkSpecial(key: string, value: unknown, label: string): void {
  switch (key) {
    case "protocol":
      if (
        !(typeof value === "string" && /^[\w.-]+(\s*,\s*[\w.-]+)*$/.test(value)) &&
        !(Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
      ) {
        throw new TypeError(
          `${label} must be a protocol name like "tri", "dubbo,tri" or ["dubbo", "tri"], got ${JSON.stringify(value)}`,
        );
      }
      return;
    case "forks":
      checkInteger(value, label, { min: -1 });
      return;
    case "hashNodes":
      checkInteger(value, label, { min: 4 });
      return;
    case "hashArguments":
      if (!Array.isArray(value) || value.length === 0) {
        throw new TypeError(
          `${label} must be a non-empty array of argument indexes like [0], got ${JSON.stringify(value)}`,
        );
      }
      value.forEach((v, i) => {
        checkInteger(v, `${label}[${i}]`, { min: 0 });
      });
      return;
    case "parameters":
      for (const [k, v] of Object.entries(checkSection(value, label))) {
        if (typeof v !== "string") {
          throw new TypeError(
            `${label}.${k} must be a string (URL parameters are strings), got ${JSON.stringify(v)}`,
          );
        }
      }
      return;
    case "filters":
      if (!Array.isArray(value) || value.some((f) => typeof f !== "function")) {
        throw new TypeError(
          `${label} must be an array of filters ((next) => (invocation) => Promise<Result>)`,
        );
      }
      return;
    case "url":
      parseDirectUrls(value, label);
      return;
    case "interface":
      checkText(value, label, "com.x.FooService");
      return;
    case "contract":
      if (typeof value !== "function" && (typeof value !== "object" || value === null)) {
        throw new TypeError(
          `${label} must be a contract class or a ServiceDefinition, got ${JSON.stringify(value)}`,
        );
      }
      return;
  }
}

function checkOptions(
  options: object,
  kinds: Record<string, Kind | "special">,
  where: string,
  definition: ServiceDefinition | undefined,
): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const label = `${where}: ${key}`;
    const kind = kinds[key];
    if (!kind) {
      throw new TypeError(
        `${where}: unknown option "${key}"; known options: ${Object.keys(kinds).join(", ")}`,
      );
    }
    if (key === "methods") {
      for (const [method, methodOptions] of Object.entries(checkSection(value, label))) {
        if (
          definition &&
          definition.methods.length > 0 &&
          !definition.methods.some((m) => m.name === method)
        ) {
          throw new TypeError(
            `${where}: methods.${method}: the contract of ${definition.interface} has no method "${method}" (it has ${definition.methods.map((m) => m.name).join(", ")})`,
          );
        }
        checkOptions(
          checkSection(methodOptions, `${label}.${method}`),
          METHOD_KINDS,
          `${where}: methods.${method}`,
          undefined,
        );
      }
    } else if (kind === "special") checkSpecial(key, value, label);
    else checkValue(kind, value, label);
  }
}

/** Validates `@Service` options at start-up; messages start with `where` (`@Service BrandServiceImpl`). */
export function checkServiceOptions(
  options: ServiceOptions,
  where: string,
  definition?: ServiceDefinition,
): void {
  checkOptions(options, SERVICE_KINDS, where, definition);
}

/** Validates `@Reference` options at start-up; messages start with `where`. */
export function checkReferenceOptions(
  options: ReferenceOptions,
  where: string,
  definition?: ServiceDefinition,
): void {
  checkOptions(options, REFERENCE_KINDS, where, definition);
}

/**
 * Parses a direct-connection `url` option: one or more `protocol://host:port[/path][?params]`
 * separated by `;` (Java's `<dubbo:reference url>`).
 */
export function parseDirectUrls(value: unknown, label: string): ServiceUrl[] {
  const text = checkText(value, label, "dubbo://127.0.0.1:20880");
  return text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const url = tryParse(s);
      if (url === undefined) {
        throw new TypeError(
          `${label} must look like dubbo://host:port (several separated by ";"), got ${JSON.stringify(s)}`,
        );
      }
      return url;
    });
}

function tryParse(text: string): ServiceUrl | undefined {
  try {
    const url = ServiceUrl.parse(text);
    return url.host !== "" && url.port > 0 ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a value is a boolean option set to true (accepts "true"). */
export function isTrue(value: unknown, label: string): boolean {
  return value !== undefined && checkBoolean(value, label);
}
