import { type Command, EXIT, parseCommandLine, UsageError } from "../command.js";
import { REGISTRY_USAGE, registryAddress, toJson } from "../registry/registry-options.js";
import { readRegistry } from "../registry/registry-snapshot.js";
import { timeoutOption } from "./invoke.js";
import { describeUrl } from "./ls.js";

const USAGE = `usage: dubbo-ts describe <interface> [--registry <address>] [--json]

Shows one service as its providers registered it: versions and groups, methods (the providers'
"methods" parameter), and each provider with its main parameters. Exits 1 when the service has
no provider.

${REGISTRY_USAGE}
  --timeout <ms>        to connect to ZooKeeper (default 10000)
  --json                print { interface, versions, groups, methods, providers: [url…], consumers: [url…] }
`;

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** `dubbo-ts describe <interface>`: versions, methods and providers of one service. */
export const describeCommand: Command = {
  name: "describe",
  summary: "show one service: versions, groups, methods and providers",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandLine(args, {
      registry: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
    });
    const [iface] = parsed.positionals;
    if (!iface)
      throw new UsageError(
        "give the Java interface name, e.g. com.jd.sellergoods.service.BrandService",
      );
    const snapshot = await readRegistry(registryAddress(parsed.values.registry), {
      only: iface,
      timeoutMs: timeoutOption(parsed.values.timeout),
    });
    const entry = snapshot.services[0];
    const providers = entry?.urls.providers ?? [];
    const consumers = entry?.urls.consumers ?? [];
    const described = {
      interface: iface,
      versions: sorted(providers.map((u) => u.getParameter("version") ?? "")),
      groups: sorted(providers.map((u) => u.getParameter("group") ?? "")),
      methods: sorted(
        providers.flatMap((u) => (u.getParameter("methods") ?? "").split(",").filter(Boolean)),
      ),
      providers: providers.map((u) => u.toFullString()),
      consumers: consumers.map((u) => u.toFullString()),
    };
    if (parsed.values.json) io.out(`${toJson(described)}\n`);
    else {
      const lines = [
        iface,
        `  versions: ${described.versions.map((v) => v || "(none)").join(", ") || "-"}`,
        `  groups: ${described.groups.map((g) => g || "(none)").join(", ") || "-"}`,
        `  methods: ${described.methods.join(", ") || "-"}`,
        `  providers (${providers.length}):`,
        ...providers.map((u) => `    ${describeUrl(u)}`),
        `  consumers (${consumers.length})`,
      ];
      io.out(`${lines.join("\n")}\n`);
    }
    if (providers.length === 0) {
      io.err(`dubbo-ts describe: no provider of ${iface} under ${snapshot.root}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
