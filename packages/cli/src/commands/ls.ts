import type { ServiceUrl } from "@dubbo-ts/core";
import { type Command, EXIT, parseCommandLine } from "../command.js";
import { REGISTRY_USAGE, registryAddress, toJson } from "../registry/registry-options.js";
import { CATEGORIES, readRegistry } from "../registry/registry-snapshot.js";
import { timeoutOption } from "./invoke.js";

const USAGE = `usage: dubbo-ts ls [--registry <address>] [--json]

Lists the services registered in ZooKeeper with their providers, consumers, configurators and
routers, each URL decoded (Java Dubbo's and dubbo-ts's interface-level layout).

${REGISTRY_USAGE}
  --timeout <ms>        to connect to ZooKeeper (default 10000)
  --json                print one JSON object: { root, services: [{ interface, providers: [url…], … }] }
`;

/** `key=value` of the parameters a person reads first, in this order. */
const SHOWN = [
  "version",
  "group",
  "application",
  "side",
  "dubbo",
  "release",
  "timeout",
  "weight",
  "disabled",
];

/** One URL on one line: `dubbo://10.0.0.5:20881 version=1.0.0 application=…`. */
export function describeUrl(url: ServiceUrl): string {
  const params = SHOWN.flatMap((k) => {
    const v = url.getParameter(k);
    return v === undefined ? [] : [`${k}=${v}`];
  });
  return [`${url.protocol}://${url.address}`, ...params].join("  ");
}

/** `dubbo-ts ls`: what the registry holds, grouped by service and category. */
export const lsCommand: Command = {
  name: "ls",
  summary: "list services, providers, consumers and override rules in a ZooKeeper registry",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandLine(args, {
      registry: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
    });
    const snapshot = await readRegistry(registryAddress(values.registry), {
      timeoutMs: timeoutOption(values.timeout),
    });
    if (values.json) {
      io.out(
        `${toJson({
          root: snapshot.root,
          services: snapshot.services.map((s) => ({
            interface: s.interface,
            ...Object.fromEntries(
              CATEGORIES.map((c) => [c, s.urls[c].map((u) => u.toFullString())]),
            ),
          })),
        })}\n`,
      );
      return EXIT.ok;
    }
    const lines = [`${snapshot.services.length} services under ${snapshot.root}`];
    for (const s of snapshot.services) {
      lines.push("", s.interface);
      for (const c of CATEGORIES) {
        const urls = s.urls[c];
        if (urls.length === 0 && c !== "providers") continue;
        lines.push(`  ${c} (${urls.length})`);
        for (const u of urls) lines.push(`    ${describeUrl(u)}`);
      }
    }
    io.out(`${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};
