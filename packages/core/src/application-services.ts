import type { ResolvedConfig } from "./config/config.js";
import { exportContexts } from "./export-protocols.js";
import { type ScanOptions, scanServices } from "./scan.js";
import {
  type ExportContext,
  type ExportedService,
  exportService,
  planService,
  type ServiceEntry,
  type ServicePlan,
} from "./service-export.js";

/**
 * The provider half of an application's start: every service given (`services`) plus the
 * `@Service` classes found by `scan` (not already given as a class or an instance), each checked
 * against the configuration before any I/O (`planService` throws TypeError/RangeError).
 */
export async function planServices(
  options: { services?: readonly ServiceEntry[] | undefined; scan?: unknown },
  config: ResolvedConfig,
): Promise<ServicePlan[]> {
  const entries: ServiceEntry[] = [...(options.services ?? [])];
  if (options.scan !== undefined) {
    for (const cls of await scanServices(options.scan as ScanOptions)) {
      const present = entries.some(
        (e) => e === cls || (typeof e === "object" && e !== null && e.constructor === cls),
      );
      if (!present) entries.push(cls);
    }
  }
  return entries.map((entry, i) => planService(entry, i, config));
}

/**
 * Exports the planned services in order (a failure rejects); one with `delay` is exported that
 * many ms later (Java's `delay`), its timer kept in `delayed` so that close can cancel it, and a
 * failure of a delayed export is logged.
 */
export async function exportServices(
  plans: readonly ServicePlan[],
  context: ExportContext,
  into: {
    exported: ExportedService[];
    delayed: Set<NodeJS.Timeout>;
    /** Called after a delayed export joined `exported` (application-level discovery republishes). */
    changed?: () => void;
  },
): Promise<void> {
  // Each service over each of its protocols (`protocol: "dubbo,tri"`), checked before any export.
  const targets = plans.flatMap((plan) =>
    exportContexts(plan.options.protocol, context, plan.where).map((ctx) => ({ plan, ctx })),
  );
  for (const { plan, ctx } of targets) {
    const delay = plan.options.delay ?? 0;
    if (delay > 0) {
      const timer = setTimeout(() => {
        into.delayed.delete(timer);
        exportService(plan, ctx).then(
          (e) => {
            into.exported.push(e);
            into.changed?.();
          },
          (e: unknown) =>
            context.logger.error({ err: e }, `delayed export of ${plan.where} failed`),
        );
      }, delay);
      into.delayed.add(timer);
    } else {
      into.exported.push(await exportService(plan, ctx));
    }
  }
}
