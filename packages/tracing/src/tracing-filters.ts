import type { Filter, Invocation } from "@dubbo-ts/core/spi";
import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
  type Tracer,
  trace,
} from "@opentelemetry/api";

/** The instrumentation scope name of our spans. */
export const INSTRUMENTATION_NAME = "@dubbo-ts/tracing";

/** OTel RPC semantic conventions: `rpc.system` for Dubbo. */
export const RPC_SYSTEM = "apache_dubbo";

/**
 * Attachments carry the trace context under the propagator's own keys (`traceparent`,
 * `tracestate` for W3C), as Java Dubbo 3's ObservationSenderFilter / ObservationReceiverFilter
 * (Micrometer Tracing) set and read them with `invocation.setAttachment(key, value)`.
 */
const setter: TextMapSetter<Record<string, unknown>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
const getter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const v = carrier[key];
    return typeof v === "string" ? v : undefined;
  },
};

export interface TracingOptions {
  /** Default: `trace.getTracer("@dubbo-ts/tracing")` from the globally registered provider. */
  readonly tracer?: Tracer | undefined;
  /**
   * Default: the global propagator (`propagation`), W3C trace context with the OTel Node SDK's
   * defaults. Without any SDK registered nothing is written or read (OTel's no-op API).
   */
  readonly propagator?: TextMapPropagator | undefined;
}

/** The consumer and provider filters of `createTracing`. */
export interface Tracing {
  /** A CLIENT span per call, its context injected into the call's attachments. */
  readonly consumerFilter: Filter;
  /** A SERVER span per request, child of the context extracted from the request's attachments. */
  readonly providerFilter: Filter;
}

function attributesOf(inv: Invocation): Attributes {
  const attributes: Attributes = {
    "rpc.system": RPC_SYSTEM,
    "rpc.service": inv.serviceName,
    "rpc.method": inv.methodName,
  };
  if (inv.version) attributes["rpc.dubbo.version"] = inv.version;
  if (inv.group) attributes["rpc.dubbo.group"] = inv.group;
  return attributes;
}

function peerAttributes(span: Span, address: string | undefined): void {
  if (!address) return;
  const colon = address.lastIndexOf(":");
  span.setAttribute("network.peer.address", address.slice(0, colon));
  span.setAttribute("network.peer.port", Number(address.slice(colon + 1)));
}

function finish(span: Span, promise: Promise<import("@dubbo-ts/core").Result>) {
  return promise.then(
    (result) => {
      if (result.exception) {
        span.recordException(result.exception);
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.exception.message });
      }
      span.end();
      return result;
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      const code = (e as { code?: unknown }).code;
      if (typeof code === "number") span.setAttribute("rpc.dubbo.error_code", code);
      span.end();
      throw e;
    },
  );
}

/**
 * OpenTelemetry tracing as filters, named and attributed by OTel's RPC semantic conventions
 * (span name `<interface>/<method>`, `rpc.system = apache_dubbo`, `rpc.service`, `rpc.method`):
 * consumer spans are CLIENT spans whose context goes to the provider in the attachments;
 * provider spans are SERVER spans continuing the caller's trace, and active while the service
 * method runs, so the calls it makes are their children. Errors (framework or business) set
 * the span status to ERROR and record the exception. Only `@opentelemetry/api` is used: the
 * application chooses (or omits) the SDK and exporter.
 */
export function createTracing(options: TracingOptions = {}): Tracing {
  const tracerOf = () => options.tracer ?? trace.getTracer(INSTRUMENTATION_NAME);
  const propagator = () => options.propagator ?? propagation;
  return {
    consumerFilter: (next) => (inv) => {
      const span = tracerOf().startSpan(`${inv.serviceName}/${inv.methodName}`, {
        kind: SpanKind.CLIENT,
        attributes: attributesOf(inv),
      });
      const ctx = trace.setSpan(context.active(), span);
      const attachments = { ...inv.attachments };
      propagator().inject(ctx, attachments, setter);
      return finish(
        span,
        context.with(ctx, () => next({ ...inv, attachments })),
      );
    },
    providerFilter: (next) => (inv) => {
      const parent = propagator().extract(context.active(), inv.attachments, getter);
      const span = tracerOf().startSpan(
        `${inv.serviceName}/${inv.methodName}`,
        { kind: SpanKind.SERVER, attributes: attributesOf(inv) },
        parent,
      );
      peerAttributes(span, inv.remoteAddress);
      return finish(
        span,
        context.with(trace.setSpan(parent, span), () => next(inv)),
      );
    },
  };
}
