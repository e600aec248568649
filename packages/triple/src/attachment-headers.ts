import type { IncomingHttpHeaders } from "node:http2";
import type { ServiceUrl } from "@dubbo-ts/core/spi";

/**
 * Headers that belong to HTTP/2, gRPC or Triple itself and never become attachments
 * (TripleHeaderEnum, GrpcHeaderNames), plus the attachments carried by their own header.
 */
const TRANSPORT = new Set([
  "content-type",
  "te",
  "user-agent",
  "accept-encoding",
  "content-length",
  "grpc-timeout",
  "grpc-encoding",
  "grpc-accept-encoding",
  "grpc-status",
  "grpc-message",
  "grpc-status-details-bin",
  "tri-service-version",
  "tri-service-group",
  "tri-service-timeout",
  "tri-consumer-appname",
  "tri-header-convert",
  "tri-exception-code",
  "tri-protocol-version",
]);

/** Attachments the invoker sends through dedicated headers or not at all. */
const NOT_SENT = new Set(["path", "interface", "version", "group", "timeout", "return"]);

/**
 * Attachments → request/response headers, as Java's StreamUtils.convertAttachment: names
 * lowercased (HTTP/2 requires it), strings/numbers/booleans as text, bytes base64 under
 * `<name>-bin`; anything else is not sent.
 */
export function attachmentsToHeaders(
  attachments: Readonly<Record<string, unknown>>,
  into: Record<string, string> = {},
): Record<string, string> {
  for (const key in attachments) {
    if (!Object.hasOwn(attachments, key)) continue;
    const name = key.toLowerCase();
    if (NOT_SENT.has(name) || TRANSPORT.has(name) || name.startsWith(":")) continue;
    const value = attachments[key];
    if (typeof value === "string") {
      if (!/[\r\n\0]/.test(value)) into[name] = value;
    } else if (
      typeof value === "number" ||
      typeof value === "boolean" ||
      typeof value === "bigint"
    ) {
      into[name] = String(value);
    } else if (value instanceof Uint8Array) {
      into[name.endsWith("-bin") ? name : `${name}-bin`] = Buffer.from(value).toString("base64");
    }
  }
  return into;
}

/** Headers → attachments: pseudo and transport headers dropped, `-bin` values base64-decoded. */
export function headersToAttachments(headers: IncomingHttpHeaders): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in headers) {
    if (name.startsWith(":") || TRANSPORT.has(name)) continue;
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(",") : raw;
    if (value === undefined) continue;
    if (name.endsWith("-bin")) out[name.slice(0, -4)] = Buffer.from(value, "base64");
    else out[name] = value;
  }
  return out;
}

/**
 * The Dubbo headers every call to the provider at `url` carries (TripleHeaderEnum):
 * `tri-service-version` (unless none or `0.0.0`), `tri-service-group`, `tri-consumer-appname`.
 */
export function serviceHeaders(url: ServiceUrl): Record<string, string> {
  const fixed: Record<string, string> = {};
  const version = url.getParameter("version");
  const group = url.getParameter("group");
  const app = url.getParameter("application");
  if (version && version !== "0.0.0") fixed["tri-service-version"] = version;
  if (group) fixed["tri-service-group"] = group;
  if (app) fixed["tri-consumer-appname"] = app;
  return fixed;
}
