import { type Command, EXIT, parseCommandLine, UsageError } from "../command.js";
import { withGenericService } from "../registry/cli-application.js";
import { REGISTRY_USAGE, registryAddress, toJson } from "../registry/registry-options.js";

const USAGE = `usage: dubbo-ts invoke <interface>.<method> ['<json args>'] --types <t1,t2…> [options]

Calls a method through Dubbo's generic path (GenericService.$invoke), as Java's QoS "invoke" does:
no contract needed. The arguments are a JSON array (one non-array value is one argument); DTOs are
objects, optionally with a "class" key. Prints the result as JSON; exits 1 with the error (code,
Java exception class, message) when the call fails.

options:
  --types <types>       the Java parameter types, comma separated (int,java.lang.String,
                        java.util.List<com.jd.pojo.TbBrand>); required when there are arguments
  --version <v>, --group <g>   of the service
${REGISTRY_USAGE}
  --url <dubbo://host:port>    call this provider directly instead of through the registry
  --timeout <ms>        call timeout (default 5000)
`;

/** Splits `a,java.util.Map<K, V>,b` at the commas outside angle brackets. */
export function splitTypes(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === "<") depth++;
    else if (c === ">") depth--;
    else if ((c === "," && depth === 0) || c === undefined) {
      const t = text.slice(start, i).trim();
      if (t) out.push(t);
      start = i + 1;
    }
  }
  return out;
}

/** `--timeout <ms>` checked (a positive integer), or undefined when not given. */
export function timeoutOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new UsageError(`--timeout must be a positive number of ms, got "${text}"`);
  return ms;
}

/** `dubbo-ts invoke iface.method '[args]' --types …`: one generic call, result as JSON. */
export const invokeCommand: Command = {
  name: "invoke",
  summary: "call a method through the generic path ($invoke) and print the result as JSON",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandLine(args, {
      types: { type: "string" },
      version: { type: "string" },
      group: { type: "string" },
      registry: { type: "string" },
      url: { type: "string" },
      timeout: { type: "string" },
    });
    const { values, positionals } = parsed;
    const [target, json] = positionals;
    const dot = target?.lastIndexOf(".") ?? -1;
    if (!target || dot <= 0 || dot === target.length - 1) {
      throw new UsageError(
        "give <interface>.<method>, e.g. com.jd.sellergoods.service.BrandService.findOne",
      );
    }
    let callArgs: unknown[] = [];
    if (json !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (e) {
        throw new UsageError(`the arguments are not JSON: ${(e as Error).message}`);
      }
      callArgs = Array.isArray(value) ? value : [value];
    }
    const types = values.types === undefined ? [] : splitTypes(values.types);
    if (types.length !== callArgs.length) {
      throw new UsageError(
        `${callArgs.length} argument(s) but ${types.length} type(s) in --types: give one Java type per argument, e.g. --types int,java.lang.String`,
      );
    }
    const iface = target.slice(0, dot);
    const method = target.slice(dot + 1);
    const result = await withGenericService(
      [
        {
          interface: iface,
          version: values.version,
          group: values.group,
          url: values.url,
          registry: values.url === undefined ? registryAddress(values.registry) : undefined,
          timeoutMs: timeoutOption(values.timeout),
        },
      ],
      ([service]) => service!.$invoke(method, types, callArgs),
    );
    io.out(`${toJson(result ?? null)}\n`);
    return EXIT.ok;
  },
};
