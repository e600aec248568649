/**
 * The BrandService contract exactly as the classic Java tutorial declares it
 * (`com.jd.sellergoods.service.BrandService`, `com.jd.pojo.TbBrand`, `com.jd.entity.PageResult`),
 * so Java consumers and providers of that service interoperate with the Node ones. Both examples
 * use this file: the provider implements it, the web app's `@Reference` calls through it.
 */
import { defineJavaClass, type ServiceDefinition } from "@dubbo-ts/core";

/** `com.jd.pojo.TbBrand { Long id; String name; String firstChar; }`. */
export class TbBrand {
  /** `java.lang.Long`; null for a brand that was not saved yet. */
  id: number | null = null;
  name: string | null = null;
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
export class PageResult<T = TbBrand> {
  total = 0;
  rows: T[] = [];

  static of<T>(total: number, rows: T[]): PageResult<T> {
    const page = new PageResult<T>();
    page.total = total;
    page.rows = rows;
    return page;
  }
}

defineJavaClass({
  name: "com.jd.pojo.TbBrand",
  fields: { id: "java.lang.Long", name: "java.lang.String", firstChar: "java.lang.String" },
  ctor: TbBrand,
});

defineJavaClass({
  name: "com.jd.entity.PageResult",
  // Java declares a raw `List`; the element type is a hint for the encoder, hessian does not send it.
  fields: { total: "long", rows: "java.util.List<com.jd.pojo.TbBrand>" },
  ctor: PageResult,
});

/** The brand fields a caller may send (plain JSON or a TbBrand). */
export type BrandInput = { id?: number | null; name?: string | null; firstChar?: string | null };

/** `com.jd.sellergoods.service.BrandService`, version 1.0.0. Every method may reject with a business error. */
export interface BrandService {
  /** `List<TbBrand> findAll()`: every brand, by id. */
  findAll(): Promise<TbBrand[]>;
  /** `PageResult findPage(int pageNum, int pageSize)`: page `pageNum` (1-based) of `pageSize` brands. */
  findPage(pageNum: number, pageSize: number): Promise<PageResult>;
  /** `TbBrand findOne(Long id)`: the brand, or null when there is none with that id. */
  findOne(id: number): Promise<TbBrand | null>;
  /** `void add(TbBrand brand)`: a new brand (its id is assigned); the name must be unique. */
  add(brand: BrandInput): Promise<void>;
  /** `void update(TbBrand brand)`: changes the brand with `brand.id`. */
  update(brand: BrandInput): Promise<void>;
  /** `void delete(Long[] ids)`: deletes all of them or, when one does not exist, none. */
  delete(ids: number[]): Promise<void>;
  /** `PageResult search(TbBrand example, int pageNum, int pageSize)`: name contains, firstChar equals. */
  search(example: BrandInput | null, pageNum: number, pageSize: number): Promise<PageResult>;
}

export const BRAND_SERVICE_INTERFACE = "com.jd.sellergoods.service.BrandService";
export const BRAND_SERVICE_VERSION = "1.0.0";

/** The Java signatures of BrandService, the same on both sides of the wire. */
export const brandServiceDefinition: ServiceDefinition = {
  interface: BRAND_SERVICE_INTERFACE,
  methods: [
    { name: "findAll", parameterTypes: [], returnType: "java.util.List<com.jd.pojo.TbBrand>" },
    { name: "findPage", parameterTypes: ["int", "int"], returnType: "com.jd.entity.PageResult" },
    { name: "findOne", parameterTypes: ["java.lang.Long"], returnType: "com.jd.pojo.TbBrand" },
    { name: "add", parameterTypes: ["com.jd.pojo.TbBrand"], returnType: "void" },
    { name: "update", parameterTypes: ["com.jd.pojo.TbBrand"], returnType: "void" },
    { name: "delete", parameterTypes: ["java.lang.Long[]"], returnType: "void" },
    {
      name: "search",
      parameterTypes: ["com.jd.pojo.TbBrand", "int", "int"],
      returnType: "com.jd.entity.PageResult",
    },
  ],
};
