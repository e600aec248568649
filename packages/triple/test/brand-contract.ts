import { JavaClass, JavaField, JavaInterface, JavaMethod, Param, Service } from "@dubbo-ts/core";

const contractOnly = (): never => {
  throw new Error("contract only");
};

@JavaClass("com.jd.pojo.TbBrand")
export class TbBrand {
  @JavaField("java.lang.Long") id!: number;
  @JavaField() name!: string;
  @JavaField() firstChar!: string;
}

@JavaClass("com.jd.sellergoods.BrandException")
export class BrandException extends Error {
  @JavaField("int") code!: number;
}

/** The sellergoods BrandService contract (a subset), as Java declares it. */
@JavaInterface("com.jd.sellergoods.service.BrandService")
export abstract class BrandService {
  @JavaMethod({ returns: "java.util.List<com.jd.pojo.TbBrand>" })
  findAll(): Promise<TbBrand[]> {
    return contractOnly();
  }
  @JavaMethod({ returns: "com.jd.pojo.TbBrand" })
  findOne(@Param("java.lang.Long") _id: number): Promise<TbBrand | null> {
    return contractOnly();
  }
  @JavaMethod({ returns: "void" })
  add(_brand: TbBrand): Promise<void> {
    return contractOnly();
  }
  @JavaMethod({ returns: "int" })
  count(@Param("int") _a: number, @Param("int[]") _more: number[]): Promise<number> {
    return contractOnly();
  }
  @JavaMethod()
  whoAmI(): Promise<string> {
    return contractOnly();
  }
  @JavaMethod({ returns: "java.lang.String" })
  slow(@Param("int") _ms: number): Promise<string> {
    return contractOnly();
  }
}

@Service({ version: "1.0.0" })
export class BrandServiceImpl extends BrandService {
  readonly brands = new Map<number, TbBrand>([
    [1, Object.assign(new TbBrand(), { id: 1, name: "联想", firstChar: "L" })],
  ]);
  override async findAll() {
    return [...this.brands.values()];
  }
  override async findOne(id: number) {
    return this.brands.get(id) ?? null;
  }
  override async add(brand: TbBrand) {
    if (!brand.name) {
      throw Object.assign(new BrandException("name must not be empty"), {
        javaClass: "com.jd.sellergoods.BrandException",
        code: 42,
      });
    }
    this.brands.set(brand.id, brand);
  }
  override async count(a: number, more: number[]) {
    return a + more.length;
  }
  override async whoAmI() {
    return "node-tri";
  }
  override async slow(ms: number) {
    await new Promise((r) => setTimeout(r, ms));
    return `slept ${ms}`;
  }
}
