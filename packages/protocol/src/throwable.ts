import { Code, getJavaClass, type JavaClassDefinition, RpcError } from "@dubbo-ts/core/spi";
import { javaClassOf } from "./hessian/java-class-tag.js";

/** The default class of an exception sent to Java when the error names none. */
export const DEFAULT_EXCEPTION_CLASS = "java.lang.RuntimeException";

/**
 * `java.lang.Throwable`'s serialized fields as HL JavaSerializer writes them (transient
 * `backtrace`/`depth` skipped). With JavaSerializer's order rule this yields the Java order
 * suppressedExceptions, stackTrace, cause, detailMessage.
 */
const THROWABLE_FIELDS: Readonly<Record<string, string>> = {
  detailMessage: "java.lang.String",
  cause: "java.lang.Throwable",
  stackTrace: "java.lang.StackTraceElement[]",
  suppressedExceptions: "java.util.List<java.lang.Throwable>",
};

/** What the provider sends for a business exception: a Java class name, a message, extra fields. */
export interface JavaThrowable {
  readonly javaClass: string;
  readonly message: string;
  /** Values of the subclass's own fields (when the class is registered with defineJavaClass). */
  readonly source?: object | undefined;
}

/** The class definition and object graph to write for `t` (ThrowableSerializer → JavaSerializer). */
export function throwableObject(t: JavaThrowable): {
  def: JavaClassDefinition;
  value: Record<string, unknown>;
} {
  const own = getJavaClass(t.javaClass);
  // Subclass fields come first in each group of JavaSerializer.introspect (subclass before superclass).
  const fields = { ...(own?.fields ?? {}), ...THROWABLE_FIELDS };
  const value: Record<string, unknown> = {};
  for (const f of Object.keys(own?.fields ?? {}))
    value[f] = (t.source as Record<string, unknown>)?.[f];
  value.detailMessage = t.message;
  // Throwable.cause == this when there is no cause: Java writes a back-reference to the object.
  value.cause = value;
  value.stackTrace = [];
  value.suppressedExceptions = [];
  return { def: { name: t.javaClass, fields }, value };
}

/** A provider-side error as the Java exception to send (class from `RpcError.javaClass`). */
export function toJavaThrowable(error: unknown): JavaThrowable {
  if (error instanceof RpcError) {
    return {
      javaClass: error.javaClass ?? DEFAULT_EXCEPTION_CLASS,
      message: error.rawMessage,
      source: error.cause instanceof Error ? error.cause : undefined,
    };
  }
  if (error instanceof Error) {
    const javaClass = (error as { javaClass?: unknown }).javaClass;
    return {
      javaClass: typeof javaClass === "string" ? javaClass : DEFAULT_EXCEPTION_CLASS,
      message: error.message,
      source: error,
    };
  }
  return {
    javaClass: DEFAULT_EXCEPTION_CLASS,
    message: typeof error === "string" ? error : "unknown error",
  };
}

/**
 * A decoded Java exception (flag 0/3) as the consumer's `RpcError(Code.Biz)`: message from
 * `detailMessage`, `javaClass` from the wire class, and the decoded exception object as `cause`
 * (so fields such as a business `code` stay readable). Never stringifies decoded data other than
 * the `detailMessage` string itself (CVE-2021-43297).
 */
export function fromJavaThrowable(decoded: unknown): RpcError {
  const javaClass = javaClassOf(decoded);
  let message: string | undefined;
  if (decoded !== null && typeof decoded === "object" && !(decoded instanceof Map)) {
    const m = (decoded as Record<string, unknown>).detailMessage;
    if (typeof m === "string") message = m;
  }
  return new RpcError(Code.Biz, message ?? javaClass ?? "remote exception without a message", {
    javaClass,
    cause: decoded,
  });
}
