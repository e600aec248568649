import { getJavaClassOf } from "../java-type.js";
import { decoratorMetadataMissing, NO_DECORATOR_METADATA } from "./design-metadata.js";

/**
 * The Java type a TS design type (from `emitDecoratorMetadata`) stands for when that is
 * unambiguous, else a TypeError that tells the user what to declare. `position` changes two
 * defaults: a `boolean` parameter is Java `boolean`, a `boolean` DTO field is `java.lang.Boolean`
 * (DTO fields are nullable in practice).
 */
export function inferJavaType(
  designType: unknown,
  position: "parameter" | "field",
  where: () => string,
): string {
  const known = knownJavaType(designType, position);
  if (known) return known;
  if (designType === undefined) {
    throw new TypeError(
      decoratorMetadataMissing()
        ? `${where()}: the Java type is not declared and ${NO_DECORATOR_METADATA}`
        : `${where()}: the Java type is not declared; declare it once on the contract, e.g. ${hintFor(position, "<Java type>")}`,
    );
  }
  const ts = describeDesignType(designType);
  throw new TypeError(
    `${where()}: the TS type ${ts} does not say which Java type to use${AMBIGUOUS[ts] ?? ""}; declare it once on the contract, e.g. ${hintFor(position, EXAMPLE[ts] ?? "<Java type>")}`,
  );
}

function hintFor(position: "parameter" | "field", type: string): string {
  return position === "field"
    ? `@JavaField("${type}")`
    : `@Param("${type}") or @JavaMethod({ params: [...] })`;
}

/** An example declaration per ambiguous TS type: one of the types that TS type may stand for. */
const EXAMPLE: Record<string, string> = {
  number: "java.lang.Long",
  bigint: "java.lang.Long",
  Array: "java.util.List<java.lang.String>",
};

/** Like `inferJavaType` but answers `undefined` instead of throwing. */
export function knownJavaType(
  designType: unknown,
  position: "parameter" | "field" | "return",
): string | undefined {
  if (designType === String) return "java.lang.String";
  if (designType === Boolean) return position === "field" ? "java.lang.Boolean" : "boolean";
  if (designType === Date) return "java.util.Date";
  if (typeof designType === "function") return getJavaClassOf(designType)?.name;
  return undefined;
}

const AMBIGUOUS: Record<string, string> = {
  number: " (int, long, double, java.lang.Integer, java.lang.Long…)",
  bigint: " (long, java.lang.Long, java.math.BigInteger…)",
  Array: " (java.util.List<…>, long[], java.lang.String[]…)",
  "Object (an interface, union or any)": " (a DTO? declare it with @JavaClass, or name the type)",
};

function describeDesignType(designType: unknown): string {
  if (designType === Number) return "number";
  if (designType === BigInt) return "bigint";
  if (designType === Object) return "Object (an interface, union or any)";
  if (typeof designType === "function") {
    return designType.name === "Array"
      ? "Array"
      : `${designType.name} (a class without @JavaClass)`;
  }
  return String(designType);
}
