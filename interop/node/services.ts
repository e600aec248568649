/**
 * Node implementations of the interop contracts, with exactly the semantics written on the Java
 * interfaces (the Java twins are interop/java/contract/…/support/*Impl.java).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { RpcContext, Service } from "@dubbo-ts/core";
import {
  BrandService,
  brandException,
  type Color,
  expectedPage,
  INTEROP_VERSION,
  type JavaLong,
  JavaRuntimeException,
  type Page,
  PageResult,
  TbBrand,
  type Temporals,
  TypeMatrixService,
} from "./contract.js";

/** The type matrix: every `echoX` returns its argument as it was decoded. */
@Service({ contract: TypeMatrixService, version: INTEROP_VERSION })
export class TypeMatrixServiceImpl implements TypeMatrixService {
  /** @param name what `whoAmI` answers after `node/`, so tests can tell providers apart. */
  constructor(private readonly name: string) {}

  async echoInt(v: number) {
    return v;
  }
  async echoInteger(v: number | null) {
    return v;
  }
  async echoLong(v: JavaLong) {
    return v;
  }
  async echoLongBoxed(v: JavaLong | null) {
    return v;
  }
  async echoDouble(v: number) {
    return v;
  }
  async echoBoolean(v: boolean) {
    return v;
  }
  async echoString(v: string | null) {
    return v;
  }
  async echoBigDecimal(v: string | null) {
    return v;
  }
  async echoDate(v: Date | null) {
    return v;
  }
  async echoBigInteger(v: bigint | null) {
    return v;
  }
  async echoLocalDateTime(v: string | null) {
    return v;
  }
  async echoTemporals(v: Temporals | null) {
    return v;
  }
  async echoEnum(v: Color | null) {
    return v;
  }
  async echoIntArray(v: number[] | null) {
    return v;
  }
  async echoStringArray(v: (string | null)[] | null) {
    return v;
  }
  async echoBrandList(v: TbBrand[] | null) {
    return v;
  }
  async echoBrandMap(v: Map<JavaLong, TbBrand> | null) {
    return v;
  }
  async echoObjectMap(v: Record<string, unknown> | null) {
    return v;
  }
  async echoPage(v: Page | null) {
    return v;
  }
  async makePage(pageNum: number, pageSize: number) {
    return expectedPage(pageNum, pageSize);
  }
  async returnNull() {
    return null;
  }
  async returnZero() {
    return 0;
  }
  async returnFalse() {
    return false;
  }
  async returnEmptyString() {
    return "";
  }
  async add(a: number, b: number) {
    return (a + b) | 0; // Java int arithmetic wraps
  }
  async describe(id: JavaLong, count: number | null) {
    return `${id}:${count}`;
  }
  async fail(message: string, code: number): Promise<void> {
    throw brandException(message, code);
  }
  async failRuntime(message: string): Promise<void> {
    throw new JavaRuntimeException("java.lang.IllegalStateException", message);
  }
  async sleep(millis: number) {
    await sleep(millis);
    return `slept ${millis}`;
  }
  async echoAttachment(key: string) {
    const server = RpcContext.server();
    const value = server?.attachments[key];
    const text = value === undefined || value === null ? null : String(value);
    if (server) server.responseAttachments["interop.reply"] = `reply:${text}`;
    return text;
  }
  async whoAmI() {
    return `node/${this.name}`;
  }
}

const SEED: readonly [string, string][] = [
  ["联想", "L"],
  ["华为", "H"],
  ["三星", "S"],
  ["小米", "X"],
  ["OPPO", "O"],
  ["vivo", "V"],
];

function illegalArgument(message: string): JavaRuntimeException {
  return new JavaRuntimeException("java.lang.IllegalArgumentException", message);
}

/** In-memory BrandService seeded with six brands (ids 1–6), as Java's BrandServiceImpl. */
@Service({ contract: BrandService, version: INTEROP_VERSION })
export class BrandServiceImpl implements BrandService {
  private readonly rows = new Map<bigint, TbBrand>();
  private nextId = 1n;

  constructor() {
    for (const [name, firstChar] of SEED) {
      const id = this.nextId++;
      this.rows.set(id, TbBrand.of(id, name, firstChar));
    }
  }

  private sorted(): TbBrand[] {
    return [...this.rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
  }

  async findAll() {
    return this.sorted();
  }

  async findPage(pageNum: number, pageSize: number) {
    return page(this.sorted(), pageNum, pageSize);
  }

  async findOne(id: JavaLong | null) {
    return id === null ? null : (this.rows.get(BigInt(id)) ?? null);
  }

  async add(brand: TbBrand) {
    this.checkName(brand, null);
    const id = this.nextId++;
    this.rows.set(id, TbBrand.of(id, brand.name, brand.firstChar));
  }

  async update(brand: TbBrand) {
    const id = brand?.id === null || brand?.id === undefined ? null : BigInt(brand.id);
    if (id === null || !this.rows.has(id)) {
      throw illegalArgument(`brand ${id} does not exist`);
    }
    this.checkName(brand, id);
    this.rows.set(id, TbBrand.of(id, brand.name, brand.firstChar));
  }

  async delete(ids: (JavaLong | null)[] | null) {
    for (const id of ids ?? []) if (id !== null) this.rows.delete(BigInt(id));
  }

  async search(example: TbBrand | null, pageNum: number, pageSize: number) {
    const hits = this.sorted().filter(
      (b) =>
        (!example?.name || (b.name ?? "").includes(example.name)) &&
        (!example?.firstChar || example.firstChar === b.firstChar),
    );
    return page(hits, pageNum, pageSize);
  }

  private checkName(brand: TbBrand | null, self: bigint | null): void {
    if (!brand?.name) throw illegalArgument("brand name must not be empty");
    for (const [id, b] of this.rows) {
      if (b.name === brand.name && id !== self) {
        throw illegalArgument(`brand name ${brand.name} already exists`);
      }
    }
  }
}

function page(all: TbBrand[], pageNum: number, pageSize: number): PageResult {
  const from = Math.max(0, (pageNum - 1) * pageSize);
  const to = Math.min(all.length, from + Math.max(0, pageSize));
  return PageResult.of(all.length, from >= to ? [] : all.slice(from, to));
}
