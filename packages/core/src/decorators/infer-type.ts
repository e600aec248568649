import { getJavaClassOf } from "../java-type.js";

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
  const ts = describeDesignType(designType);
  const hint =
    position === "field"
      ? `@JavaField("java.lang.Long")`
      : `@Param("java.lang.Long") or @JavaMethod({ params: [...] })`;
  throw new TypeError(
    `${where()}: the TS type ${ts} does not say which Java type to use${AMBIGUOUS[ts] ?? ""}; declare it once on the contract, e.g. ${hint}`,
  );
}

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
  if (designType === undefined) return "(unknown: no decorator metadata)";
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
