/**
 * The BrandService contract exactly as the classic Java tutorial declares it
 * (`com.jd.sellergoods.service.BrandService`, `com.jd.pojo.TbBrand`, `com.jd.entity.PageResult`),
 * so Java consumers and providers of that service interoperate with the Node ones. Both examples
 * use this file: the provider implements it, the web app's `@Reference` calls through it.
 */
import { JavaClass, JavaField, JavaInterface } from "@dubbo-ts/core";

/** `com.jd.pojo.TbBrand { Long id; String name; String firstChar; }`. */
@JavaClass("com.jd.pojo.TbBrand")
export class TbBrand {
  /** `java.lang.Long`; null for a brand that was not saved yet. */
  @JavaField("java.lang.Long")
  id: number | null = null;
  @JavaField("java.lang.String")
  name: string | null = null;
  @JavaField("java.lang.String")
  firstChar: string | null = null;

  /** A TbBrand instance (the provider returns instances so the encoder knows the Java class). */
  static of(init: {
    id?: number | null;
    name?: string | null;
    firstChar?: string | null;
  }): TbBrand {
    const brand = new TbBrand();
    brand.id = init.id ?? null;
    brand.name = init.name ?? null;
    brand.firstChar = init.firstChar ?? null;
    return brand;
  }
}

/** `com.jd.entity.PageResult { long total; List rows; }`: one page and the total number of rows. */
@JavaClass("com.jd.entity.PageResult")
export class PageResult<T = TbBrand> {
  @JavaField("long")
  total = 0;
  /** Java declares a raw `List`; the element type is a hint for the encoder, hessian does not send it. */
  @JavaField("java.util.List<com.jd.pojo.TbBrand>")
  rows: T[] = [];

  static of<T>(total: number, rows: T[]): PageResult<T> {
    const page = new PageResult<T>();
    page.total = total;
    page.rows = rows;
    return page;
  }
}

/** The brand fields a caller may send (plain JSON or a TbBrand). */
export type BrandInput = { id?: number | null; name?: string | null; firstChar?: string | null };

/**
 * Response attachment in which a sellergoods-service instance names itself (`host:port`), so the
 * web page can show which provider answered. Other providers (a Java one) leave it out.
 */
export const PROVIDER_ATTACHMENT = "sellergoods.provider";

export const BRAND_SERVICE_INTERFACE = "com.jd.sellergoods.service.BrandService";
export const BRAND_SERVICE_VERSION = "1.0.0";

const BRAND = "com.jd.pojo.TbBrand";
const PAGE = "com.jd.entity.PageResult";

/**
 * `com.jd.sellergoods.service.BrandService`, version 1.0.0: the contract class. The provider
 * implements it; a `@Reference` field typed with it gets a proxy. Abstract methods carry no
 * decorators, so their Java signatures are declared here, once, for both sides.
 */
@JavaInterface<BrandService>(BRAND_SERVICE_INTERFACE, {
  findAll: { params: [], returns: `java.util.List<${BRAND}>` },
  findPage: { params: ["int", "int"], returns: PAGE },
  findOne: { params: ["java.lang.Long"], returns: BRAND },
  add: { params: [BRAND], returns: "void" },
  update: { params: [BRAND], returns: "void" },
  delete: { params: ["java.lang.Long[]"], returns: "void" },
  search: { params: [BRAND, "int", "int"], returns: PAGE },
})
export abstract class BrandService {
  /** `List<TbBrand> findAll()`: every brand, by id. */
  abstract findAll(): Promise<TbBrand[]>;
  /** `PageResult findPage(int pageNum, int pageSize)`: page `pageNum` (1-based) of `pageSize` brands. */
  abstract findPage(pageNum: number, pageSize: number): Promise<PageResult>;
  /** `TbBrand findOne(Long id)`: the brand, or null when there is none with that id. */
  abstract findOne(id: number): Promise<TbBrand | null>;
  /** `void add(TbBrand brand)`: a new brand (its id is assigned); the name must be unique. */
  abstract add(brand: BrandInput): Promise<void>;
  /** `void update(TbBrand brand)`: changes the brand with `brand.id`. */
  abstract update(brand: BrandInput): Promise<void>;
  /** `void delete(Long[] ids)`: deletes all of them or, when one does not exist, none. */
  abstract delete(ids: number[]): Promise<void>;
  /** `PageResult search(TbBrand example, int pageNum, int pageSize)`: name contains, firstChar equals. */
  abstract search(
    example: BrandInput | null,
    pageNum: number,
    pageSize: number,
  ): Promise<PageResult>;
}
