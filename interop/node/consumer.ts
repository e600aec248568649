/**
 * The Node consumer script of the interop suite: every call the Java consumer
 * (interop/java/contract/…/support/ConsumerScript.java) makes, with the value each must return,
 * written against the TypeScript contract. Tests run each case against a Java provider and compare
 * with `toEqual`. Values are as a consumer with `longs: "bigint"` decodes them: Java longs are
 * bigints, BigDecimals decimal strings, Dates `Date`s, BigIntegers bigints, java.time values
 * ISO-8601 strings, enums constant names, `Map<Long, …>` a JS `Map`, DTOs objects with their fields.
 */
import {
  expectedPage,
  Page,
  sampleTemporals,
  TbBrand,
  Temporals,
  type TypeMatrixService,
} from "./contract.js";

/** One call and the value it must return. */
export interface MatrixCase {
  readonly name: string;
  readonly call: (m: TypeMatrixService) => Promise<unknown>;
  readonly expect: unknown;
}

export const MAX_SAFE_PLUS_2 = 9007199254740993n; // 2^53 + 1
export const LONG_MAX = 9223372036854775807n; // 2^63 - 1
export const MILLIS_DATE = new Date(1709210096789); // 2024-02-29T12:34:56.789Z
export const MINUTE_DATE = new Date(1704067200000); // 2024-01-01T00:00:00Z (hessian's compact form)

export function brand1(): TbBrand {
  return TbBrand.of(1n, "联想", "L");
}
export function brand2(): TbBrand {
  return TbBrand.of(MAX_SAFE_PLUS_2, "Brand 😀", "B");
}

function echo(
  name: string,
  values: readonly (readonly [string, unknown])[],
  call: (m: TypeMatrixService, v: never) => Promise<unknown>,
): MatrixCase[] {
  return values.map(([label, v]) => ({
    name: `${name}:${label}`,
    call: (m: TypeMatrixService) => call(m, v as never),
    expect: v,
  }));
}

const INTS = [0, 1, -16, 47, 48, -2048, 2047, 262143, -262144, 2147483647, -2147483648];
const LONGS: [string, bigint][] = [
  ["0", 0n],
  ["1", 1n],
  ["-8", -8n],
  ["15", 15n],
  ["2047", 2047n],
  ["-262144", -262144n],
  ["2^31-1", 2147483647n],
  ["2^31", 2147483648n],
  ["2^53-1", 9007199254740991n],
  ["-(2^53-1)", -9007199254740991n],
  ["2^53+1", MAX_SAFE_PLUS_2],
  ["-(2^53+1)", -MAX_SAFE_PLUS_2],
  ["2^63-1", LONG_MAX],
  ["-(2^63-1)", -LONG_MAX],
];
const DOUBLES = [0, 1, -2.5, 0.1, Math.PI, 1e300, 127, 32767, 2147483648];
const STRINGS: [string, string | null][] = [
  ["ascii", "hello"],
  ["empty", ""],
  ["chinese", "联想 华为 小米"],
  ["latin1", "ünïcödé àçcéñts"],
  ["emoji", "😀👍🏽🇨🇳"],
  ["len31", "a".repeat(31)],
  ["len32", "b".repeat(32)],
  ["len1023", "c".repeat(1023)],
  ["len1024", "d".repeat(1024)],
  // 32767 UTF-16 units, then a surrogate pair straddling hessian's 0x8000-unit chunk boundary.
  ["chunk-boundary-emoji", `${"e".repeat(32767)}😀${"f".repeat(100)}`],
  ["null", null],
];

/** An object map as Java's echoObjectMap case builds it (`5L` is a Long: a bigint here). */
export function objectMap(): Record<string, unknown> {
  return {
    int: 1,
    long: 5n,
    bigLong: MAX_SAFE_PLUS_2,
    double: 2.5,
    string: "ü😀",
    bool: true,
    null: null,
    list: [1, "two"],
    brand: brand1(),
    date: MILLIS_DATE,
    nested: { k: "v" },
  };
}

/** Every type-matrix call with a value result (the error cases are separate tests). */
export function matrixCases(): MatrixCase[] {
  const b1 = brand1();
  const b2 = brand2();
  return [
    ...echo(
      "echoInt",
      INTS.map((v) => [String(v), v]),
      (m, v: number) => m.echoInt(v),
    ),
    ...echo(
      "echoInteger",
      [
        ["7", 7],
        ["null", null],
      ],
      (m, v: number | null) => m.echoInteger(v),
    ),
    ...echo("echoLong", LONGS, (m, v: bigint) => m.echoLong(v)),
    ...echo(
      "echoLongBoxed",
      [
        ["2^63-1", LONG_MAX],
        ["-(2^53+1)", -MAX_SAFE_PLUS_2],
        ["42", 42n],
        ["null", null],
      ],
      (m, v: bigint | null) => m.echoLongBoxed(v),
    ),
    ...echo(
      "echoDouble",
      DOUBLES.map((v) => [String(v), v]),
      (m, v: number) => m.echoDouble(v),
    ),
    ...echo(
      "echoBoolean",
      [
        ["true", true],
        ["false", false],
      ],
      (m, v: boolean) => m.echoBoolean(v),
    ),
    ...echo("echoString", STRINGS, (m, v: string | null) => m.echoString(v)),
    // Java's BigDecimal.toString(): scale kept ("123.4500"), small values in E notation.
    {
      name: "echoBigDecimal:123.4500",
      call: (m) => m.echoBigDecimal("123.4500"),
      expect: "123.4500",
    },
    {
      name: "echoBigDecimal:-0.000000001",
      call: (m) => m.echoBigDecimal("-0.000000001"),
      expect: "-1E-9",
    },
    {
      name: "echoBigDecimal:12345678901234567890.123456789",
      call: (m) => m.echoBigDecimal("12345678901234567890.123456789"),
      expect: "12345678901234567890.123456789",
    },
    { name: "echoBigDecimal:0", call: (m) => m.echoBigDecimal("0"), expect: "0" },
    { name: "echoBigDecimal:null", call: (m) => m.echoBigDecimal(null), expect: null },
    ...echo(
      "echoDate",
      [
        ["millis", MILLIS_DATE],
        ["minute", MINUTE_DATE],
        ["null", null],
      ],
      (m, v: Date | null) => m.echoDate(v),
    ),
    ...echo(
      "echoBigInteger",
      [
        ["0", 0n],
        ["-1", -1n],
        ["2^63", 9223372036854775808n],
        ["-123456789012345678901234567890", -123456789012345678901234567890n],
        ["null", null],
      ],
      (m, v: bigint | null) => m.echoBigInteger(v),
    ),
    ...echo(
      "echoLocalDateTime",
      [
        ["nanos", "2024-02-29T23:59:59.123456789"],
        ["midnight", "2024-05-01T00:00:00"],
        ["null", null],
      ],
      (m, v: string | null) => m.echoLocalDateTime(v),
    ),
    {
      name: "echoTemporals",
      call: (m) => m.echoTemporals(sampleTemporals()),
      expect: sampleTemporals(),
    },
    {
      // An Instant may be sent as a Date; it comes back as Instant.toString().
      name: "echoTemporals:date-instant",
      call: (m) => m.echoTemporals(Temporals.of({ instant: MILLIS_DATE })),
      expect: Temporals.of({ instant: "2024-02-29T12:34:56.789Z" }),
    },
    {
      name: "echoTemporals:empty",
      call: (m) => m.echoTemporals(new Temporals()),
      expect: new Temporals(),
    },
    { name: "echoEnum:GREEN", call: (m) => m.echoEnum("GREEN"), expect: "GREEN" },
    { name: "echoEnum:null", call: (m) => m.echoEnum(null), expect: null },
    {
      name: "echoIntArray",
      call: (m) => m.echoIntArray([1, -1, 0, 2147483647]),
      expect: [1, -1, 0, 2147483647],
    },
    { name: "echoIntArray:empty", call: (m) => m.echoIntArray([]), expect: [] },
    {
      name: "echoStringArray",
      call: (m) => m.echoStringArray(["a", "中", "😀", null, ""]),
      expect: ["a", "中", "😀", null, ""],
    },
    { name: "echoBrandList", call: (m) => m.echoBrandList([b1, b2, b1]), expect: [b1, b2, b1] },
    { name: "echoBrandList:empty", call: (m) => m.echoBrandList([]), expect: [] },
    { name: "echoBrandList:null", call: (m) => m.echoBrandList(null), expect: null },
    {
      name: "echoBrandMap",
      call: (m) =>
        m.echoBrandMap(
          new Map([
            [1n, b1],
            [MAX_SAFE_PLUS_2, b2],
          ]),
        ),
      expect: new Map([
        [1n, b1],
        [MAX_SAFE_PLUS_2, b2],
      ]),
    },
    { name: "echoObjectMap", call: (m) => m.echoObjectMap(objectMap()), expect: objectMap() },
    {
      name: "echoPage",
      call: (m) => m.echoPage(Page.of(2n, 1, 10, [b1, b2])),
      expect: Page.of(2n, 1, 10, [b1, b2]),
    },
    { name: "makePage:2,5", call: (m) => m.makePage(2, 5), expect: expectedPage(2, 5) },
    { name: "makePage:5,5", call: (m) => m.makePage(5, 5), expect: expectedPage(5, 5) },
    { name: "returnNull", call: (m) => m.returnNull(), expect: null },
    { name: "returnZero", call: (m) => m.returnZero(), expect: 0 },
    { name: "returnFalse", call: (m) => m.returnFalse(), expect: false },
    { name: "returnEmptyString", call: (m) => m.returnEmptyString(), expect: "" },
    { name: "add:2,3", call: (m) => m.add(2, 3), expect: 5 },
    { name: "add:overflow", call: (m) => m.add(2147483647, 1), expect: -2147483648 },
    {
      name: "describe:2^53+1,7",
      call: (m) => m.describe(MAX_SAFE_PLUS_2, 7),
      expect: "9007199254740993:7",
    },
    { name: "describe:-1,null", call: (m) => m.describe(-1n, null), expect: "-1:null" },
    { name: "sleep:10", call: (m) => m.sleep(10), expect: "slept 10" },
  ];
}
