import type { Invoker } from "./invoker.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceUrl } from "./service-url.js";

/** A service exported by a protocol; `unexport` stops routing calls to it. */
export interface Exporter {
  readonly url: ServiceUrl;
  unexport(): Promise<void>;
}

/**
 * A wire protocol (`dubbo`). `export` makes a local invoker reachable at the URL's port (the
 * server starts on first export); `refer` returns an invoker for one remote provider URL.
 * `close()` shuts down gracefully: tell peers we are going (`"R"`), wait for in-flight calls up to
 * the deadline, then close sockets.
 */
export interface Protocol {
  readonly name: string;
  /** The port used when the configuration gives none (Java's `Protocol.getDefaultPort`). */
  readonly defaultPort?: number | undefined;
  /**
   * Parameters the protocol adds to every provider URL it serves (e.g. the dubbo protocol's
   * `serialization=hessian2`); service options given by the user win over them.
   */
  readonly providerParameters?: Readonly<Record<string, string>>;
  /** Serves `invoker` at `url` (host, port, interface, version, group). Methods come from `definition`. */
  export(url: ServiceUrl, definition: ServiceDefinition, invoker: Invoker): Promise<Exporter>;
  refer(url: ServiceUrl, definition?: ServiceDefinition): Invoker;
  /** The servers listening now and their connections (QoS `ps`); optional for a protocol. */
  servers?(): readonly {
    readonly host: string;
    readonly port: number;
    readonly connections: readonly { readonly remote: string; readonly local: string }[];
  }[];
  close(options?: { deadlineMs?: number }): Promise<void>;
}
