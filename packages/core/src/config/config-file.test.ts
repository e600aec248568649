import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./resolve-config.js";

const dir = mkdtempSync(path.join(tmpdir(), "dubbo-ts-config-file-"));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("YAML config files", () => {
  it("reads the same keys as a JSON file from .yml and .yaml", () => {
    const file = write(
      "dubbo.yml",
      [
        "name: orders",
        "registry:",
        "  address: zookeeper://10.0.0.1:2181",
        "  sessionTimeout: 30000",
        "protocol:",
        "  port: 20990",
        "consumer:",
        "  timeout: 3000",
        "  check: false",
        "",
      ].join("\n"),
    );
    const config = loadConfig({ configFile: file });
    expect(config.name).toBe("orders");
    expect(config.registry).toEqual({
      address: "zookeeper://10.0.0.1:2181",
      options: { sessionTimeout: 30000 },
    });
    expect(config.protocol.port).toBe(20990);
    expect(config.consumer).toMatchObject({ timeout: 3000, check: false });
    expect(config.sources["protocol.port"]).toBe(`protocol.port in ${file}`);
    const yaml = write("dubbo.yaml", "name: orders-yaml\n");
    expect(loadConfig({ env: { DUBBO_CONFIG_FILE: yaml } }).name).toBe("orders-yaml");
  });

  it("accepts a Java/Spring application.yml: the dubbo: section, application.name as name", () => {
    const file = write(
      "application.yml",
      [
        "server:",
        "  port: 8080",
        "spring:",
        "  application:",
        "    name: ignored-by-dubbo",
        "dubbo:",
        "  application:",
        "    name: demo-provider",
        "  registry:",
        "    address: zookeeper://127.0.0.1:2181",
        "  protocol:",
        "    name: dubbo",
        "    port: 20880",
        "  provider:",
        "    timeout: 5000",
        "",
      ].join("\n"),
    );
    const config = loadConfig({ configFile: file });
    expect(config.name).toBe("demo-provider");
    expect(config.registry?.address).toBe("zookeeper://127.0.0.1:2181");
    expect(config.protocol).toMatchObject({ name: "dubbo", port: 20880 });
    expect(config.provider).toMatchObject({ timeout: 5000 });
  });

  it("gives the same precise errors, naming the file and the dubbo: section; Spring's kebab-case application keys map to ours", () => {
    const wrongPort = write(
      "wrong-port.yml",
      "dubbo:\n  application:\n    name: a\n  protocol:\n    port: 70000\n",
    );
    expect(() => loadConfig({ configFile: wrongPort })).toThrow(
      `protocol.port in ${wrongPort} (dubbo: section) must be an integer from 0 to 65535 (0 picks a free port)`,
    );
    const unknownKey = write("unknown.yml", "name: a\nconsumer:\n  timout: 3000\n");
    expect(() => loadConfig({ configFile: unknownKey })).toThrow(/timout/);
    const qos = write(
      "qos.yml",
      "dubbo:\n  application:\n    name: a\n    qos-enable: false\n    qos-port: 33333\n    register-mode: instance\n    metadata-type: remote\n",
    );
    expect(loadConfig({ configFile: qos }).application).toEqual({
      qosEnable: false,
      qosPort: 33333,
      registerMode: "instance",
      metadataType: "remote",
      // Not in the file: Java 3.3's default.
      serviceDiscoveryMigration: "APPLICATION_FIRST",
    });
    // Java's property dubbo.application.service-discovery.migration, nested or flat.
    for (const [file, text] of [
      [
        "nested.yml",
        "dubbo:\n  application:\n    name: a\n    service-discovery:\n      migration: FORCE_APPLICATION\n",
      ],
      [
        "flat.yml",
        "dubbo:\n  application:\n    name: a\n    service-discovery.migration: FORCE_APPLICATION\n",
      ],
    ] as const) {
      expect(
        loadConfig({ configFile: write(file, text) }).application.serviceDiscoveryMigration,
      ).toBe("FORCE_APPLICATION");
    }
    const badStep = write(
      "bad-step.yml",
      "dubbo:\n  application:\n    name: a\n    service-discovery:\n      migration: SOMETIMES\n",
    );
    expect(() => loadConfig({ configFile: badStep })).toThrow(/serviceDiscoveryMigration/);
    const unsupported = write("owner.yml", "dubbo:\n  application:\n    name: a\n    owner: me\n");
    expect(() => loadConfig({ configFile: unsupported })).toThrow(/owner/);
    expect(() => loadConfig({ configFile: unsupported })).toThrow(
      `${unsupported} (dubbo: section)`,
    );
  });

  it("reports YAML syntax errors and duplicate keys with the file and the line", () => {
    const duplicate = write("duplicate.yml", "name: a\nname: b\n");
    expect(() => loadConfig({ configFile: duplicate })).toThrow(
      new RegExp(
        `^the config file ${duplicate.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(configFile option\\) is not valid YAML: Map keys must be unique at line 2, column 1`,
      ),
    );
    const broken = write("broken.yaml", "name: [a\n");
    expect(() => loadConfig({ env: { DUBBO_CONFIG_FILE: broken } })).toThrow(
      `the config file ${broken} (DUBBO_CONFIG_FILE) is not valid YAML:`,
    );
  });
});
