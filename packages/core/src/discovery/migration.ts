import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { Logger } from "../logger.js";
import type { ServiceUrl } from "../service-url.js";
import type { SubscribedDirectory } from "./service-discovery-directory.js";

/**
 * Java's `MigrationStep`: which address lists a consumer uses. `APPLICATION_FIRST` (Java 3.3's
 * default) subscribes to both and uses the application-level list whenever it has providers.
 */
export type MigrationStep = "FORCE_INTERFACE" | "APPLICATION_FIRST" | "FORCE_APPLICATION";

export const MIGRATION_STEPS: readonly MigrationStep[] = [
  "FORCE_INTERFACE",
  "APPLICATION_FIRST",
  "FORCE_APPLICATION",
];

/** The config-center group of migration rules; the key is `<application>.migration`. */
export const MIGRATION_RULE_GROUP = "DUBBO_SERVICEDISCOVERY_MIGRATION";

/** Checks a migration step; throws a TypeError naming `where` and the accepted values. */
export function parseMigrationStep(value: unknown, where: string): MigrationStep {
  const text = typeof value === "string" ? value.trim().toUpperCase() : value;
  if (MIGRATION_STEPS.includes(text as MigrationStep)) return text as MigrationStep;
  throw new TypeError(
    `${where} must be one of ${MIGRATION_STEPS.join(", ")}, got ${JSON.stringify(value)}`,
  );
}

/** What a migration rule says for this application (Java's `MigrationRule`, top-level keys). */
export interface MigrationRule {
  readonly step?: MigrationStep | undefined;
  /** Switch even when the target list is empty. */
  readonly force?: boolean | undefined;
}

/**
 * Reads the top-level `step:` and `force:` of a migration rule (YAML, as Java's
 * `MigrationRule.parse`; per-interface `interfaces:` / `applications:` sections are not read).
 * An unreadable rule gives `undefined` (Java keeps its current step on a bad rule too).
 */
export function parseMigrationRule(text: string | undefined): MigrationRule | undefined {
  if (!text) return undefined;
  let step: MigrationStep | undefined;
  let force: boolean | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z]+)\s*:\s*["']?([^"'#\s]*)["']?\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (key === "step") {
      try {
        step = parseMigrationStep(value, "step");
      } catch {
        return undefined;
      }
    } else if (key === "force") {
      force = value === "true";
    }
  }
  return step ? { step, force } : undefined;
}

/** A reference's directory that follows the migration step. */
export interface MigrationDirectory extends SubscribedDirectory {
  readonly step: MigrationStep;
  /**
   * Moves to `step` without dropping calls (Java's `MigrationInvoker.migrateTo…`): subscribes what
   * the new step needs first, switches only when the new list has providers (or `force`), then
   * releases what is no longer needed. Resolves true when the step changed.
   */
  migrate(step: MigrationStep, force?: boolean): Promise<boolean>;
}

/**
 * Combines an interface-level and an application-level directory, created on demand, as Java's
 * `MigrationInvoker` does: `FORCE_INTERFACE` lists the interface-level providers only,
 * `FORCE_APPLICATION` the application-level ones only, `APPLICATION_FIRST` the application-level
 * ones when there are any, else the interface-level ones.
 */
export function createMigrationDirectory(options: {
  url: ServiceUrl;
  step: MigrationStep;
  interfaceLevel: () => SubscribedDirectory;
  applicationLevel: () => SubscribedDirectory;
  logger: Logger;
}): MigrationDirectory {
  const { logger } = options;
  let step = options.step;
  let iface: SubscribedDirectory | undefined;
  let app: SubscribedDirectory | undefined;
  let destroyed = false;
  let migrating: Promise<boolean> = Promise.resolve(false);

  const needs = (s: MigrationStep) => ({
    iface: s !== "FORCE_APPLICATION",
    app: s !== "FORCE_INTERFACE",
  });

  const ensure = async (s: MigrationStep) => {
    const need = needs(s);
    const waits: Promise<void>[] = [];
    if (need.iface && !iface) {
      iface = options.interfaceLevel();
      waits.push(iface.subscribe());
    }
    if (need.app && !app) {
      app = options.applicationLevel();
      waits.push(app.subscribe());
    }
    await Promise.all(waits);
  };

  const current = (s: MigrationStep): readonly Invoker[] => {
    if (s === "FORCE_INTERFACE") return iface?.invokers ?? [];
    if (s === "FORCE_APPLICATION") return app?.invokers ?? [];
    const appInvokers = app?.invokers ?? [];
    return appInvokers.length > 0 ? appInvokers : (iface?.invokers ?? []);
  };

  const release = (s: MigrationStep) => {
    const need = needs(s);
    if (!need.iface && iface) {
      const old = iface;
      iface = undefined;
      void old.destroy();
    }
    if (!need.app && app) {
      const old = app;
      app = undefined;
      void old.destroy();
    }
  };

  return {
    url: options.url,
    get step() {
      return step;
    },
    get invokers() {
      return current(step);
    },
    list: (_invocation: Invocation) => current(step),
    emptyReason: () => iface?.emptyReason?.() ?? app?.emptyReason?.(),
    async subscribe() {
      await ensure(step);
    },
    migrate(target, force = false) {
      migrating = migrating.then(async () => {
        if (destroyed || target === step) return false;
        await ensure(target);
        if (destroyed) return false;
        if (!force && current(target).length === 0 && current(step).length > 0) {
          logger.warn(
            { from: step, to: target, service: options.url.serviceKey },
            `not migrating to ${target}: it lists no provider (set force: true in the rule to switch anyway)`,
          );
          release(step);
          return false;
        }
        logger.info({ from: step, to: target, service: options.url.serviceKey }, "migrated");
        step = target;
        release(step);
        return true;
      });
      return migrating;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await Promise.all([iface?.destroy(), app?.destroy()]);
      iface = undefined;
      app = undefined;
    },
  };
}
