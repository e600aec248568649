import type { MethodOptions } from "./decorators/options.js";

type ParameterValue = string | number | boolean | undefined;

/** Method-level and shared options → URL parameters (`timeout`, `hash.arguments`, `find.timeout`…). */
export function optionParameters(
  options: MethodOptions & Record<string, unknown>,
  keys: readonly string[],
): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  const put = (
    prefix: string,
    o: MethodOptions & Record<string, unknown>,
    allowed: readonly string[],
  ) => {
    for (const key of allowed) {
      const value = o[key];
      if (value === undefined) continue;
      if (key === "hashArguments") out[`${prefix}hash.arguments`] = (value as number[]).join(",");
      else if (key === "hashNodes") out[`${prefix}hash.nodes`] = value as number;
      else if (key === "parameters") {
        for (const [k, v] of Object.entries(value as Record<string, string>))
          out[`${prefix}${k}`] = v;
      } else out[`${prefix}${key}`] = value as ParameterValue;
    }
  };
  put("", options, keys);
  for (const [method, m] of Object.entries(options.methods ?? {})) {
    put(`${method}.`, m as MethodOptions & Record<string, unknown>, METHOD_KEYS);
  }
  return out;
}

/** The method-level keys written as `<method>.<key>`. */
export const METHOD_KEYS: readonly string[] = [
  "timeout",
  "retries",
  "loadbalance",
  "actives",
  "executes",
  "weight",
  "sticky",
  "forks",
  "hashArguments",
  "hashNodes",
  "parameters",
];
