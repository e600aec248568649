import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";

/** A config file's data and how to name it in messages. */
export interface ConfigFile {
  readonly path: string;
  readonly data: unknown;
}

const YAML_EXTENSIONS = [".yml", ".yaml"];

/**
 * Reads and parses a config file: YAML for `.yml`/`.yaml` (the `yaml` package, YAML 1.2, duplicate
 * keys refused), JSON otherwise. Both hold the same keys as `createApplication` options, or a
 * Java/Spring-style `dubbo:` section (see `fromDubboSection`). Errors name the file and how it was
 * chosen (`via`), e.g. `cannot read the config file /etc/app/dubbo.yml (DUBBO_CONFIG_FILE): ENOENT…`
 * or `… is not valid YAML: Map keys must be unique at line 3, column 1`.
 */
export function loadConfigFile(file: string, via: string): ConfigFile {
  const full = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    throw new TypeError(`cannot read the config file ${full} (${via}): ${(e as Error).message}`);
  }
  const yaml = YAML_EXTENSIONS.includes(path.extname(full).toLowerCase());
  let data: unknown;
  if (yaml) {
    const doc = parseDocument(text, { prettyErrors: true });
    const error = doc.errors[0];
    if (error) {
      throw new TypeError(
        `the config file ${full} (${via}) is not valid YAML: ${error.message.split("\n")[0]}`,
      );
    }
    data = doc.toJS();
  } else {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new TypeError(
        `the config file ${full} (${via}) is not valid JSON: ${(e as Error).message}`,
      );
    }
  }
  return fromDubboSection({ path: full, data });
}

/**
 * Java Dubbo users keep `dubbo.yml` / Spring's `application.yml` with a `dubbo:` section
 * (`dubbo.application.name`, `dubbo.registry.address`, `dubbo.protocol.port`, `dubbo.consumer.*`
 * …; Dubbo's spring-boot starter binds them to ApplicationConfig, RegistryConfig…). A file whose
 * top level has `dubbo` is read from that section (other top-level sections, such as `spring:` or
 * `server:`, belong to other programs and are ignored), with `application.name` as `name` and the
 * other `application` keys in kebab-case (`qos-enable`) as the camelCase ones (`qosEnable`). Every
 * key is then checked like everywhere else, and messages name the file with "(dubbo: section)".
 */
export function fromDubboSection(file: ConfigFile): ConfigFile {
  const root = file.data;
  if (typeof root !== "object" || root === null || Array.isArray(root) || !("dubbo" in root)) {
    return file;
  }
  const where = `${file.path} (dubbo: section)`;
  const section = (root as Record<string, unknown>).dubbo;
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    throw new TypeError(
      `dubbo in ${file.path} must be a section (dubbo:\\n  application:\\n    name: my-app …), got ${JSON.stringify(section)}`,
    );
  }
  const { application, ...rest } = section as Record<string, unknown>;
  const data: Record<string, unknown> = { ...rest };
  if (application !== undefined) {
    if (typeof application !== "object" || application === null || Array.isArray(application)) {
      throw new TypeError(
        `dubbo.application in ${file.path} must be a section with name (application:\\n  name: my-app), got ${JSON.stringify(application)}`,
      );
    }
    // Spring's relaxed names: qos-enable → qosEnable; unknown keys are refused by the checks.
    const { name, ...others } = application as Record<string, unknown>;
    if (name !== undefined) data.name = name;
    // Java reads the migration step from the property dubbo.application.service-discovery.migration
    // (MigrationRuleListener), written nested or flat in YAML.
    const nested = others["service-discovery"];
    const migration =
      others["service-discovery.migration"] ??
      (typeof nested === "object" && nested !== null && !Array.isArray(nested)
        ? (nested as Record<string, unknown>).migration
        : undefined);
    if (migration !== undefined) {
      delete others["service-discovery.migration"];
      if (Object.keys(nested ?? {}).length <= 1) delete others["service-discovery"];
      others.serviceDiscoveryMigration = migration;
    }
    if (Object.keys(others).length > 0) {
      data.application = Object.fromEntries(
        Object.entries(others).map(([k, v]) => [
          k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
          v,
        ]),
      );
    }
  }
  return { path: where, data };
}
