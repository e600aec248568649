import { HessianError } from "./hessian-error.js";
import type { HessianWriter } from "./writer.js";

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** The one field of BigDecimal's class definition (HL StringValueSerializer). */
const FIELDS: readonly string[] = Object.freeze(["value"]);

/**
 * Writes `value` (a decimal string, finite number or bigint) as Java writes a BigDecimal: HL
 * StringValueSerializer writes an object of class java.math.BigDecimal with one field "value"
 * (PojoUtils.generalize keeps Numbers as they are, so a generic call too). It calls
 * addRef(bigDecimal) first: the BigDecimal takes a reference number.
 */
export function writeBigDecimal(out: HessianWriter, value: unknown, what: string): void {
  let text: string;
  if (typeof value === "string" && DECIMAL.test(value)) text = value;
  else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else if (typeof value === "bigint") text = value.toString();
  else
    throw HessianError.type(
      `${what}: expected a decimal string or number for java.math.BigDecimal`,
    );
  out.skipRef();
  out.writeObjectBegin("java.math.BigDecimal", FIELDS);
  out.writeString(text);
}
