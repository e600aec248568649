/**
 * The brand endpoints' JSON mapping, shared by every web front of BrandService (the Fastify app
 * here, examples/sellergoods-nest): brands to JSON, query and body parameters to BrandService
 * arguments, with the same validation messages. No HTTP framework is involved.
 */
import { type PageResult, TbBrand } from "@dubbo-ts/example-sellergoods-service/contract";
import { BadRequestError } from "./http-error.js";

/** What the page and other HTTP clients get for a brand. */
export interface BrandJson {
  id: number | null;
  name: string | null;
  firstChar: string | null;
}

/** Query string parameters as Fastify and Express parse them. */
export type Query = Record<string, string | undefined>;

/** A brand as the endpoints answer it (missing fields are null). */
export function toJson(brand: TbBrand): BrandJson {
  return { id: brand.id ?? null, name: brand.name ?? null, firstChar: brand.firstChar ?? null };
}

/** A page as `{ total, rows }`; a null page is empty. */
export function pageJson(page: PageResult | null): { total: number; rows: BrandJson[] } {
  return { total: Number(page?.total ?? 0), rows: (page?.rows ?? []).map(toJson) };
}

const MAX_INT = 2 ** 31 - 1;

/** `page` and `rows` query parameters: Java `int`s ≥ 1, 1 and 10 when absent. */
export function pageOf(query: Query): { page: number; rows: number } {
  const int = (name: string, fallback: number) => {
    const text = query[name];
    if (text === undefined || text === "") return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= 1 && value <= MAX_INT))
      throw new BadRequestError(`${name} must be a whole number ≥ 1, got "${text}"`);
    return value;
  };
  return { page: int("page", 1), rows: int("rows", 10) };
}

export function idOf(value: unknown, what: string): number {
  const id =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1)
    throw new BadRequestError(
      `${what} must be a positive whole number, got ${JSON.stringify(value)}`,
    );
  return id;
}

export function idsOf(text: string | undefined): number[] {
  const parts = (text ?? "").split(",").filter((part) => part.trim() !== "");
  if (parts.length === 0)
    throw new BadRequestError("ids must list at least one brand id, e.g. ids=1,2");
  return parts.map((part) => idOf(part, "every id"));
}

/** The brand in a JSON body, as a TbBrand (so it travels as `com.jd.pojo.TbBrand`). */
export function brandOf(body: unknown): TbBrand {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new BadRequestError(
      'the body must be a JSON brand, e.g. {"name":"华为","firstChar":"H"}',
    );
  const raw = body as Record<string, unknown>;
  const text = (name: string): string | null => {
    const value = raw[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw new BadRequestError(`${name} must be a string`);
    return value;
  };
  const id = raw.id === undefined || raw.id === null || raw.id === "" ? null : idOf(raw.id, "id");
  return TbBrand.of({ id, name: text("name"), firstChar: text("firstChar") });
}
