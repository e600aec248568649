import type { QosCommand } from "./command.js";

function probe(name: "startup" | "ready" | "live", summary: string): QosCommand {
  return {
    name,
    summary,
    level: "PUBLIC",
    execute(context) {
      // Ready.java/Live.java/Startup.java: "true" with 200, "false" with 503 Service Unavailable.
      const ok = context.model.probes()[name];
      context.httpCode = ok ? 200 : 503;
      return String(ok);
    },
  };
}

/** Kubernetes readiness: started and (no service, or at least one registered). */
export const ready = probe("ready", "Judge if service is ready to work? ");
/** Kubernetes liveness: the application is not closed. */
export const live = probe("live", "Judge if service is alive? ");
/** Kubernetes startup: `start()` has finished. */
export const startup = probe("startup", "Judge if service has started? ");
