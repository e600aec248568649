/**
 * The interop contracts of interop/java/contract as the tests use them: the classes are the ones
 * `dubbo-ts contracts` generated from the Java class files (./contracts/, kept current by
 * interop/test/generated-contracts.test.ts; regenerate with `npm run contracts:interop`), plus
 * the fixtures the tests share (factories, the interface names, the expected pages).
 *
 * Every Java `long`/`Long` is typed `bigint | number` (generated with `--longs bigint`): the
 * interop apps run with `longs: "bigint"` (a Java long arrives as a bigint, whatever its value)
 * and accept either when sending.
 */
import { PageResult as GeneratedPageResult } from "./contracts/com.jd.entity.js";
import {
  BrandException,
  Page as GeneratedPage,
  Temporals as GeneratedTemporals,
} from "./contracts/com.jd.interop.js";
import { TbBrand as GeneratedTbBrand } from "./contracts/com.jd.pojo.js";

export { BrandException, Color, TypeMatrixService } from "./contracts/com.jd.interop.js";
export { BrandService } from "./contracts/com.jd.sellergoods.service.js";

export const INTEROP_VERSION = "1.0.0";
export const TYPE_MATRIX_INTERFACE = "com.jd.interop.TypeMatrixService";
export const BRAND_SERVICE_INTERFACE = "com.jd.sellergoods.service.BrandService";

/** A Java long as dubbo-ts passes it: bigint when decoded with `longs: "bigint"`. */
export type JavaLong = bigint | number;

/** The generated `com.jd.pojo.TbBrand`, with the tests' factory `TbBrand.of(id, name, firstChar)`. */
export const TbBrand = Object.assign(GeneratedTbBrand, {
  of(id: JavaLong | null, name: string | null, firstChar: string | null): GeneratedTbBrand {
    return Object.assign(new GeneratedTbBrand(), { id, name, firstChar });
  },
});
export type TbBrand = GeneratedTbBrand;

/** The generated `com.jd.entity.PageResult`, with `PageResult.of(total, rows)`. */
export const PageResult = Object.assign(GeneratedPageResult, {
  of(total: number, rows: GeneratedTbBrand[]): GeneratedPageResult {
    return Object.assign(new GeneratedPageResult(), { total: BigInt(total), rows });
  },
});
export type PageResult = GeneratedPageResult;

/** The generated `com.jd.interop.Page<T>`, with `Page.of(total, pageNum, pageSize, items)`. */
export const Page = Object.assign(GeneratedPage, {
  of<T>(total: JavaLong, pageNum: number, pageSize: number, items: T[]): GeneratedPage<T> {
    return Object.assign(new GeneratedPage<T>(), { total, pageNum, pageSize, items });
  },
});
export type Page<T = GeneratedTbBrand> = GeneratedPage<T>;

/** The generated `com.jd.interop.Temporals`, with `Temporals.of(fields)`. */
export const Temporals = Object.assign(GeneratedTemporals, {
  of(fields: Partial<GeneratedTemporals>): GeneratedTemporals {
    return Object.assign(new GeneratedTemporals(), fields);
  },
});
export type Temporals = GeneratedTemporals;

/** Java's `ConsumerScript.sampleTemporals()`, as dubbo-ts decodes it. */
export function sampleTemporals(): Temporals {
  return Temporals.of({
    date: "2024-05-01",
    time: "10:15:30.123456789",
    dateTime: "2024-02-29T23:59:59.001",
    instant: "1969-12-31T23:59:59.000000001Z",
    duration: "PT-1M-29.5S",
    big: 18446744073709551616n,
    decimal: "123.4500",
  });
}

/** `new BrandException(message, code)` as Java's constructor: the message and the `code` field. */
export function brandException(message: string, code: number): BrandException {
  return Object.assign(new BrandException(message), { code });
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

/** Number of synthetic brands behind `makePage`. */
export const PAGE_TOTAL = 23;

/** The page `makePage(pageNum, pageSize)` returns (Java's TypeMatrixServiceImpl.makePage). */
export function expectedPage(pageNum: number, pageSize: number): Page {
  const items: TbBrand[] = [];
  const first = (pageNum - 1) * pageSize + 1;
  for (let id = first; id <= pageNum * pageSize && id <= PAGE_TOTAL; id++) {
    if (id >= 1) items.push(TbBrand.of(BigInt(id), `Brand ${id}`, "B"));
  }
  return Page.of(BigInt(PAGE_TOTAL), pageNum, pageSize, items);
}
