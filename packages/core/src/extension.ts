import type { ResolvedConfig } from "./config/config.js";
import { chain, type Filter } from "./filter.js";
import type { Logger } from "./logger.js";
import type { Registry } from "./registry.js";

/**
 * What an extension gets when the application starts: the resolved configuration, the logger,
 * the address registered for this process, and the application itself (typed loosely here to
 * keep this file free of the application's module; extensions import `Application`).
 */
export interface ExtensionContext<App = unknown> {
  readonly app: App;
  readonly config: ResolvedConfig;
  readonly logger: Logger;
  /** The host written in provider URLs (`protocol.host` or this machine's address). */
  readonly host: string;
}

/** Filters an extension adds to every exported service and every reference. */
export interface ExtensionFilters {
  readonly provider?: readonly Filter[] | undefined;
  readonly consumer?: readonly Filter[] | undefined;
  /**
   * Wraps the application's registry (to observe registrations, subscriptions and notifications,
   * e.g. for metrics); the application uses what it returns from then on. Must delegate every
   * method, and keep `register`/`subscribe` semantics.
   */
  readonly registry?: ((registry: Registry) => Registry) | undefined;
}

/**
 * A plug-in for operations (QoS, metrics, tracing) that core does not import: the application
 * calls its hooks in the order the extensions are listed.
 *
 * - `start` runs in `app.start()` once the configuration is read and the plugins are created,
 *   before the registry connects and anything is exported (Java starts QoS with the first
 *   export). The filters it returns wrap every exported service (after the built-in filters,
 *   before `filters.provider`) and every reference (after the context filter, before
 *   `filters.consumer`). A rejection fails `start()` like a configuration error.
 * - `close` runs at the very end of `app.close()`, after the registry is closed; its failure is
 *   logged.
 */
export interface ApplicationExtension<App = unknown> {
  readonly name: string;
  start?(context: ExtensionContext<App>): Promise<ExtensionFilters | undefined>;
  close?(): Promise<void>;
}

/**
 * One filter standing for a list filled later: reference proxies compose their filters when they
 * are planned, before the extensions have started; this composes `filters` at the first call
 * (no call can run before the application has started its extensions).
 */
export function lateFilters(filters: readonly Filter[]): Filter {
  return (next) => {
    let composed: ((...a: Parameters<typeof next>) => ReturnType<typeof next>) | undefined;
    return (invocation) => {
      composed ??= chain(filters, next);
      return composed(invocation);
    };
  };
}
