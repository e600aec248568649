import { availableParallelism } from "node:os";
import { clusterNames } from "../cluster/extensions.js";
import { MIGRATION_STEPS } from "../discovery/migration.js";
import { loadBalanceNames } from "../load-balance/extensions.js";
import {
  checkBindHost,
  checkBoolean,
  checkHost,
  checkInteger,
  checkKeyPart,
  checkName,
  checkRegistryAddress,
  checkText,
} from "./checks.js";

/** The kinds of configuration values, each with one check (`checkValue`). */
export type Kind =
  | "name"
  | "address"
  | "port"
  | "host"
  | "bind"
  | "timeout"
  | "count"
  | "bool"
  | "loadbalance"
  | "cluster"
  | "token"
  | "accesslog"
  | "key"
  | "ms"
  | "text"
  | "registerMode"
  | "migration"
  | "metadataType"
  | "workers";

/** Validates one value by kind; `label` says where it came from. */
export function checkValue(kind: Kind, value: unknown, label: string): unknown {
  switch (kind) {
    case "name":
      return checkText(value, label);
    case "address":
      return checkRegistryAddress(value, label);
    case "port":
      return checkInteger(value, label, {
        min: 0,
        max: 65535,
        what: "an integer from 0 to 65535 (0 picks a free port)",
      });
    case "host":
      return checkHost(value, label);
    case "bind":
      return checkBindHost(value, label);
    case "timeout":
      return checkInteger(value, label, { min: 1, what: "a positive integer (milliseconds)" });
    case "ms":
      return checkInteger(value, label, { min: 0, what: "an integer ≥ 0 (milliseconds)" });
    case "count":
      return checkInteger(value, label, { min: 0 });
    case "bool":
      return checkBoolean(value, label);
    case "loadbalance":
      return checkName(value, label, loadBalanceNames());
    case "cluster":
      return checkName(value, label, clusterNames());
    case "key":
      return checkKeyPart(value, label);
    case "text":
      if (typeof value !== "string") {
        throw new TypeError(`${label} must be a string, got ${JSON.stringify(value)}`);
      }
      return value;
    case "token":
      if (value === true || value === false || value === "true" || value === "false") {
        return checkBoolean(value, label);
      }
      return checkText(value, label, "true");
    case "registerMode":
      return checkName(value, label, ["interface", "instance", "all"]);
    case "migration":
      return checkName(
        typeof value === "string" ? value.toUpperCase() : value,
        label,
        MIGRATION_STEPS,
      );
    case "metadataType":
      return checkName(value, label, ["local", "remote"]);
    case "workers":
      if (value === "auto") return availableParallelism();
      return checkInteger(value, label, {
        min: 1,
        what: 'an integer ≥ 1 or "auto" (one worker process per core; 1 serves in this process)',
      });
    case "accesslog":
      if (value === true || value === false || value === "true" || value === "false") {
        return checkBoolean(value, label);
      }
      return checkText(value, label, "/var/log/dubbo-access.log");
  }
}
