/**
 * The interop contracts of interop/java/contract as they were written by hand before
 * `dubbo-ts contracts` generated them (./contracts/). Kept only as an independent oracle:
 * interop/test/generated-contracts.test.ts checks that the generated contracts declare exactly
 * these Java types. Nothing else imports this file (it registers the same Java class names).
 *
 * Every Java `long`/`Long` is typed `bigint | number`: the interop apps run with
 * `longs: "bigint"` (a Java long arrives as a bigint, whatever its value) and accept either when
 * sending.
 */
import { defineJavaEnum, JavaClass, JavaField, JavaInterface } from "@dubbo-ts/core";

export const INTEROP_VERSION = "1.0.0";
export const TYPE_MATRIX_INTERFACE = "com.jd.interop.TypeMatrixService";
export const BRAND_SERVICE_INTERFACE = "com.jd.sellergoods.service.BrandService";

/** A Java long as dubbo-ts passes it: bigint when decoded with `longs: "bigint"`. */
export type JavaLong = bigint | number;

/** `com.jd.pojo.TbBrand { Long id; String name; String firstChar; }`. */
@JavaClass("com.jd.pojo.TbBrand")
export class TbBrand {
  @JavaField("java.lang.Long")
  id: JavaLong | null = null;
  @JavaField("java.lang.String")
  name: string | null = null;
  @JavaField("java.lang.String")
  firstChar: string | null = null;

  static of(id: JavaLong | null, name: string | null, firstChar: string | null): TbBrand {
    const brand = new TbBrand();
    brand.id = id;
    brand.name = name;
    brand.firstChar = firstChar;
    return brand;
  }
}

/** `com.jd.entity.PageResult { long total; List rows; }` (a raw List in Java). */
@JavaClass("com.jd.entity.PageResult")
export class PageResult {
  @JavaField("long")
  total: JavaLong = 0;
  @JavaField("java.util.List")
  rows: TbBrand[] = [];

  static of(total: number, rows: TbBrand[]): PageResult {
    const page = new PageResult();
    page.total = BigInt(total);
    page.rows = rows;
    return page;
  }
}

/** `com.jd.interop.Page<T> { long total; int pageNum; int pageSize; List<T> items; }`: T travels erased. */
@JavaClass("com.jd.interop.Page")
export class Page<T = TbBrand> {
  @JavaField("long")
  total: JavaLong = 0;
  @JavaField("int")
  pageNum = 0;
  @JavaField("int")
  pageSize = 0;
  @JavaField("java.util.List")
  items: T[] | null = null;

  static of<T>(total: JavaLong, pageNum: number, pageSize: number, items: T[]): Page<T> {
    const page = new Page<T>();
    page.total = total;
    page.pageNum = pageNum;
    page.pageSize = pageSize;
    page.items = items;
    return page;
  }
}

/**
 * `com.jd.interop.Temporals`, a JDK 8-era DTO: java.time values travel as ISO-8601 strings
 * (`"2024-05-01"`, `"10:15:30.123456789"`, `"2024-02-29T23:59:59.001"`, Instant `"…Z"` — a `Date`
 * may be sent —, Duration `"PT-1M-29.5S"`), BigInteger as a bigint, BigDecimal as its decimal string.
 * Fields in Java's declaration order.
 */
@JavaClass("com.jd.interop.Temporals")
export class Temporals {
  @JavaField("java.time.LocalDate")
  date: string | null = null;
  @JavaField("java.time.LocalTime")
  time: string | null = null;
  @JavaField("java.time.LocalDateTime")
  dateTime: string | null = null;
  @JavaField("java.time.Instant")
  instant: string | Date | null = null;
  @JavaField("java.time.Duration")
  duration: string | null = null;
  @JavaField("java.math.BigInteger")
  big: bigint | null = null;
  @JavaField("java.math.BigDecimal")
  decimal: string | null = null;

  static of(fields: Partial<Temporals>): Temporals {
    return Object.assign(new Temporals(), fields);
  }
}

/** `enum com.jd.interop.Color { RED, GREEN, BLUE }`: values travel as the constant names. */
export const COLORS = ["RED", "GREEN", "BLUE"] as const;
export type Color = (typeof COLORS)[number];
defineJavaEnum("com.jd.interop.Color", COLORS);

/**
 * `com.jd.interop.BrandException extends Exception { int code; }`: thrown by a Node provider, it
 * reaches Java as that class with `detailMessage` and `code` (the `javaClass` property names the
 * class, the registered field `code` is written after the Throwable fields' subclass group).
 */
@JavaClass("com.jd.interop.BrandException")
export class BrandException extends Error {
  readonly javaClass = "com.jd.interop.BrandException";
  @JavaField("int")
  code: number;

  constructor(message: string, code: number) {
    super(message);
    this.code = code;
  }
}

/** `java.lang.IllegalStateException` / `IllegalArgumentException` as a Node error. */
export class JavaRuntimeException extends Error {
  constructor(
    readonly javaClass: string,
    message: string,
  ) {
    super(message);
  }
}

const BRAND = "com.jd.pojo.TbBrand";
const PAGE = "com.jd.interop.Page<com.jd.pojo.TbBrand>";
const TEMPORALS = "com.jd.interop.Temporals";

/**
 * `com.jd.interop.TypeMatrixService`, version 1.0.0: `echoX(v)` returns v; `makePage` pages over
 * 23 synthetic brands; `add` wraps as Java int; `describe(id, count)` = `id + ":" + count`;
 * `fail` throws BrandException; `failRuntime` IllegalStateException; `sleep(ms)` → "slept ms";
 * `echoBigInteger`, `echoLocalDateTime`, `echoTemporals` echo java.math / java.time values;
 * `echoAttachment(key)` returns the request attachment and sets `interop.reply`.
 */
@JavaInterface<TypeMatrixService>(TYPE_MATRIX_INTERFACE, {
  echoInt: { params: ["int"], returns: "int" },
  echoInteger: { params: ["java.lang.Integer"], returns: "java.lang.Integer" },
  echoLong: { params: ["long"], returns: "long" },
  echoLongBoxed: { params: ["java.lang.Long"], returns: "java.lang.Long" },
  echoDouble: { params: ["double"], returns: "double" },
  echoBoolean: { params: ["boolean"], returns: "boolean" },
  echoString: { params: ["java.lang.String"], returns: "java.lang.String" },
  echoBigDecimal: { params: ["java.math.BigDecimal"], returns: "java.math.BigDecimal" },
  echoDate: { params: ["java.util.Date"], returns: "java.util.Date" },
  echoBigInteger: { params: ["java.math.BigInteger"], returns: "java.math.BigInteger" },
  echoLocalDateTime: { params: ["java.time.LocalDateTime"], returns: "java.time.LocalDateTime" },
  echoTemporals: { params: [TEMPORALS], returns: TEMPORALS },
  echoEnum: { params: ["com.jd.interop.Color"], returns: "com.jd.interop.Color" },
  echoIntArray: { params: ["int[]"], returns: "int[]" },
  echoStringArray: { params: ["java.lang.String[]"], returns: "java.lang.String[]" },
  echoBrandList: { params: [`java.util.List<${BRAND}>`], returns: `java.util.List<${BRAND}>` },
  echoBrandMap: {
    params: [`java.util.Map<java.lang.Long, ${BRAND}>`],
    returns: `java.util.Map<java.lang.Long, ${BRAND}>`,
  },
  echoObjectMap: {
    params: ["java.util.Map<java.lang.String, java.lang.Object>"],
    returns: "java.util.Map<java.lang.String, java.lang.Object>",
  },
  echoPage: { params: [PAGE], returns: PAGE },
  makePage: { params: ["int", "int"], returns: PAGE },
  returnNull: { params: [], returns: "java.lang.String" },
  returnZero: { params: [], returns: "int" },
  returnFalse: { params: [], returns: "boolean" },
  returnEmptyString: { params: [], returns: "java.lang.String" },
  add: { params: ["int", "int"], returns: "int" },
  describe: { params: ["long", "java.lang.Integer"], returns: "java.lang.String" },
  fail: { params: ["java.lang.String", "int"], returns: "void" },
  failRuntime: { params: ["java.lang.String"], returns: "void" },
  sleep: { params: ["int"], returns: "java.lang.String" },
  echoAttachment: { params: ["java.lang.String"], returns: "java.lang.String" },
  whoAmI: { params: [], returns: "java.lang.String" },
})
export abstract class TypeMatrixService {
  abstract echoInt(v: number): Promise<number>;
  abstract echoInteger(v: number | null): Promise<number | null>;
  abstract echoLong(v: JavaLong): Promise<JavaLong>;
  abstract echoLongBoxed(v: JavaLong | null): Promise<JavaLong | null>;
  abstract echoDouble(v: number): Promise<number>;
  abstract echoBoolean(v: boolean): Promise<boolean>;
  abstract echoString(v: string | null): Promise<string | null>;
  /** BigDecimal travels as its decimal string (`"123.4500"`, `"-1E-9"`): scale is kept. */
  abstract echoBigDecimal(v: string | null): Promise<string | null>;
  abstract echoDate(v: Date | null): Promise<Date | null>;
  /** BigInteger: always a bigint. */
  abstract echoBigInteger(v: bigint | null): Promise<bigint | null>;
  /** LocalDateTime: `"2024-02-29T23:59:59.123456789"` (seconds always written). */
  abstract echoLocalDateTime(v: string | null): Promise<string | null>;
  abstract echoTemporals(v: Temporals | null): Promise<Temporals | null>;
  abstract echoEnum(v: Color | null): Promise<Color | null>;
  abstract echoIntArray(v: number[] | null): Promise<number[] | null>;
  abstract echoStringArray(v: (string | null)[] | null): Promise<(string | null)[] | null>;
  abstract echoBrandList(v: TbBrand[] | null): Promise<TbBrand[] | null>;
  /** `Map<Long, TbBrand>`: a JS Map (non-string keys). */
  abstract echoBrandMap(v: Map<JavaLong, TbBrand> | null): Promise<Map<JavaLong, TbBrand> | null>;
  abstract echoObjectMap(
    v: Record<string, unknown> | null,
  ): Promise<Record<string, unknown> | null>;
  abstract echoPage(v: Page | null): Promise<Page | null>;
  abstract makePage(pageNum: number, pageSize: number): Promise<Page>;
  abstract returnNull(): Promise<string | null>;
  abstract returnZero(): Promise<number>;
  abstract returnFalse(): Promise<boolean>;
  abstract returnEmptyString(): Promise<string>;
  abstract add(a: number, b: number): Promise<number>;
  abstract describe(id: JavaLong, count: number | null): Promise<string>;
  abstract fail(message: string, code: number): Promise<void>;
  abstract failRuntime(message: string): Promise<void>;
  abstract sleep(millis: number): Promise<string>;
  abstract echoAttachment(key: string): Promise<string | null>;
  abstract whoAmI(): Promise<string>;
}

/**
 * `com.jd.sellergoods.service.BrandService`, version 1.0.0: pages are 1-based, `findOne` of an
 * unknown id is null, `add` assigns the id and refuses empty or duplicate names, `update` of an
 * unknown id fails, `search` filters by name (contains) and firstChar (equals) when non-empty.
 */
@JavaInterface<BrandService>(BRAND_SERVICE_INTERFACE, {
  findAll: { params: [], returns: `java.util.List<${BRAND}>` },
  findPage: { params: ["int", "int"], returns: "com.jd.entity.PageResult" },
  findOne: { params: ["java.lang.Long"], returns: BRAND },
  add: { params: [BRAND], returns: "void" },
  update: { params: [BRAND], returns: "void" },
  delete: { params: ["java.lang.Long[]"], returns: "void" },
  search: { params: [BRAND, "int", "int"], returns: "com.jd.entity.PageResult" },
})
export abstract class BrandService {
  abstract findAll(): Promise<TbBrand[]>;
  abstract findPage(pageNum: number, pageSize: number): Promise<PageResult>;
  abstract findOne(id: JavaLong | null): Promise<TbBrand | null>;
  abstract add(brand: TbBrand): Promise<void>;
  abstract update(brand: TbBrand): Promise<void>;
  abstract delete(ids: (JavaLong | null)[] | null): Promise<void>;
  abstract search(example: TbBrand | null, pageNum: number, pageSize: number): Promise<PageResult>;
}
