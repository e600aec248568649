import { type Command, EXIT, parseCommandLine, UsageError } from "../command.js";
import { type GenericTarget, withGenericService } from "../registry/cli-application.js";
import { REGISTRY_USAGE, registryAddress, toJson } from "../registry/registry-options.js";
import { readRegistry } from "../registry/registry-snapshot.js";
import { timeoutOption } from "./invoke.js";

const USAGE = `usage: dubbo-ts ping <interface> [--registry <address> | --url <dubbo://host:port>] [options]

Sends Dubbo's echo ($echo) to every provider of the service the registry lists (or to --url) and
prints each answer. Exits 1 when there is no provider or one does not answer.

options:
  --version <v>, --group <g>   only the providers of this version / group
${REGISTRY_USAGE}
  --url <dubbo://host:port>    ping this provider directly
  --timeout <ms>        per provider (default 5000)
  --json                print [{ provider, ok, ms, error? }]
`;

/** `dubbo-ts ping <interface>`: `$echo` to each provider, one line each. */
export const pingCommand: Command = {
  name: "ping",
  summary: "echo ($echo) every provider of a service and report which answer",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandLine(args, {
      version: { type: "string" },
      group: { type: "string" },
      registry: { type: "string" },
      url: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
    });
    const { values, positionals } = parsed;
    const [iface] = positionals;
    if (!iface)
      throw new UsageError(
        "give the Java interface name, e.g. com.jd.sellergoods.service.BrandService",
      );
    const timeoutMs = timeoutOption(values.timeout);
    let targets: GenericTarget[];
    if (values.url !== undefined) {
      targets = [
        {
          interface: iface,
          version: values.version,
          group: values.group,
          url: values.url,
          timeoutMs,
        },
      ];
    } else {
      const snapshot = await readRegistry(registryAddress(values.registry), {
        only: iface,
        timeoutMs,
      });
      targets = (snapshot.services[0]?.urls.providers ?? [])
        .filter((u) => values.version === undefined || u.getParameter("version") === values.version)
        .filter((u) => values.group === undefined || u.getParameter("group") === values.group)
        .map((u) => ({
          interface: iface,
          version: u.getParameter("version"),
          group: u.getParameter("group"),
          url: `${u.protocol}://${u.address}`,
          timeoutMs,
        }));
      if (targets.length === 0) {
        io.err(`dubbo-ts ping: no provider of ${iface} under ${snapshot.root}\n`);
        return EXIT.failed;
      }
    }
    const results = await withGenericService(targets, (services) =>
      Promise.all(
        services.map(async (service, i) => {
          const started = performance.now();
          try {
            await service.$echo("ping");
            return {
              provider: targets[i]!.url!,
              ok: true,
              ms: Math.round(performance.now() - started),
            };
          } catch (e) {
            return {
              provider: targets[i]!.url!,
              ok: false,
              ms: Math.round(performance.now() - started),
              error: (e as Error).message,
            };
          }
        }),
      ),
    );
    if (values.json) io.out(`${toJson(results)}\n`);
    else {
      const lines = results.map(
        (r) => `${r.provider}  ${r.ok ? `ok  ${r.ms} ms` : `FAILED  ${r.error}`}`,
      );
      io.out(`${lines.join("\n")}\n`);
    }
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
  },
};
