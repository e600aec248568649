import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  BrandError,
  type BrandRepository,
  openBrandRepository,
  SEED_BRANDS,
} from "./brand-repository.js";
import { PageResult, TbBrand } from "./contract.js";

const open: BrandRepository[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const repo of open.splice(0)) repo.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memory(): BrandRepository {
  const repo = openBrandRepository(":memory:");
  open.push(repo);
  return repo;
}

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "brands-"));
  dirs.push(dir);
  return path.join(dir, "nested", "dir", "sellergoods.db");
}

describe("openBrandRepository", () => {
  it("seeds the classic brands on first start", () => {
    const all = memory().findAll();
    expect(all).toHaveLength(SEED_BRANDS.length);
    expect(all[0]).toEqual(TbBrand.of({ id: 1, name: "联想", firstChar: "L" }));
    expect(all.map((b) => b.name)).toEqual(SEED_BRANDS.map(([name]) => name));
    expect(all.every((b) => b instanceof TbBrand)).toBe(true);
  });

  it("creates the directories and seeds a file only once", () => {
    const file = tempFile();
    const first = openBrandRepository(file);
    first.delete([1, 2]);
    first.add({ name: "Nokia", firstChar: "n" });
    first.close();
    const second = openBrandRepository(file);
    open.push(second);
    const names = second.findAll().map((b) => b.name);
    expect(names).toHaveLength(SEED_BRANDS.length - 1);
    expect(names).not.toContain("联想");
    expect(names).toContain("Nokia");
  });

  it("lets two connections share one file", () => {
    const file = tempFile();
    const a = openBrandRepository(file);
    const b = openBrandRepository(file);
    open.push(a, b);
    const added = a.add({ name: "Meizu Pro", firstChar: "M" });
    expect(b.findOne(added.id)).toEqual(added);
    expect(b.findAll()).toHaveLength(SEED_BRANDS.length + 1);
  });
});

describe("paging", () => {
  it("returns the requested page and the total", () => {
    const repo = memory();
    const page = repo.findPage(2, 5);
    expect(page).toBeInstanceOf(PageResult);
    expect(page.total).toBe(SEED_BRANDS.length);
    expect(page.rows.map((b) => b.id)).toEqual([6, 7, 8, 9, 10]);
    const last = repo.findPage(5, 5);
    expect(last.rows.map((b) => b.id)).toEqual([21, 22]);
    expect(repo.findPage(6, 5)).toEqual(PageResult.of(SEED_BRANDS.length, []));
  });

  it.each([
    [0, 10, /pageNum must be an integer ≥ 1, got 0/],
    [1.5, 10, /pageNum .* got 1.5/],
    [1, 0, /pageSize must be an integer from 1 to 1000, got 0/],
    [1, 1001, /pageSize .* got 1001/],
  ])("rejects pageNum %s pageSize %s", (pageNum, pageSize, message) => {
    expect(() => memory().findPage(pageNum, pageSize)).toThrow(message);
    expect(() => memory().findPage(pageNum, pageSize)).toThrow(BrandError);
  });
});

describe("search", () => {
  it("matches names containing the text and first letters exactly", () => {
    const repo = memory();
    const h = repo.search({ firstChar: "H" }, 1, 10);
    expect(h.rows.map((b) => b.name)).toEqual(["华为", "海尔", "海信"]);
    expect(h.total).toBe(3);
    expect(repo.search({ name: "pp" }, 1, 10).rows.map((b) => b.name)).toEqual(["OPPO"]);
    expect(repo.search({ name: "o", firstChar: "v" }, 1, 10).rows.map((b) => b.name)).toEqual([
      "VIVO",
    ]);
  });

  it("pages the matches and counts all of them", () => {
    const repo = memory();
    const page = repo.search({ firstChar: "H" }, 2, 2);
    expect(page.total).toBe(3);
    expect(page.rows.map((b) => b.name)).toEqual(["海信"]);
  });

  it("treats an empty or null example as no condition", () => {
    const repo = memory();
    expect(repo.search(null, 1, 100).total).toBe(SEED_BRANDS.length);
    expect(repo.search({ name: "", firstChar: " " }, 1, 100).total).toBe(SEED_BRANDS.length);
  });

  it("takes % and _ in the name literally", () => {
    const repo = memory();
    repo.add({ name: "100%_Brand", firstChar: "B" });
    expect(repo.search({ name: "%" }, 1, 10).rows.map((b) => b.name)).toEqual(["100%_Brand"]);
    expect(repo.search({ name: "_" }, 1, 10).total).toBe(1);
  });
});

describe("changes", () => {
  it("adds a brand with a new id, trimmed and with an upper-case first letter", () => {
    const repo = memory();
    const added = repo.add({ id: 3, name: "  Nokia ", firstChar: "n" });
    expect(added).toEqual(
      TbBrand.of({ id: SEED_BRANDS.length + 1, name: "Nokia", firstChar: "N" }),
    );
    expect(repo.findOne(added.id)).toEqual(added);
  });

  it("updates a brand", () => {
    const repo = memory();
    repo.update({ id: 5, name: "OPPO Mobile", firstChar: "O" });
    expect(repo.findOne(5)).toEqual(TbBrand.of({ id: 5, name: "OPPO Mobile", firstChar: "O" }));
    repo.update({ id: 5, name: "OPPO Mobile", firstChar: "P" });
    expect(repo.findOne(5)?.firstChar).toBe("P");
  });

  it("deletes all given ids", () => {
    const repo = memory();
    repo.delete([1, 2, 3]);
    expect(repo.findOne(2)).toBeNull();
    expect(repo.findAll()).toHaveLength(SEED_BRANDS.length - 3);
  });

  it("accepts ids as bigint or numeric strings", () => {
    const repo = memory();
    expect(repo.findOne(4n)?.name).toBe("小米");
    expect(repo.findOne("4")?.name).toBe("小米");
  });

  it("returns null for an unknown or null id", () => {
    expect(memory().findOne(999)).toBeNull();
    expect(memory().findOne(null)).toBeNull();
  });
});

describe("business errors", () => {
  it.each([
    [{ name: "" }, /the brand name must not be empty/],
    [{ name: "   " }, /the brand name must not be empty/],
    [{ firstChar: "X" }, /the brand name must not be empty/],
    [{ name: "x".repeat(101) }, /longer than 100 characters/],
    [{ name: "Nokia", firstChar: "NO" }, /the first letter must be one character, got "NO"/],
    [null, /no brand given/],
  ])("add(%j) is refused", (brand, message) => {
    const repo = memory();
    expect(() => repo.add(brand)).toThrow(message);
    expect(repo.findAll()).toHaveLength(SEED_BRANDS.length);
  });

  it("refuses a duplicate name on add and on update", () => {
    const repo = memory();
    expect(() => repo.add({ name: "华为", firstChar: "H" })).toThrow(
      new BrandError('a brand named "华为" already exists (id 2)'),
    );
    expect(() => repo.update({ id: 1, name: " 华为", firstChar: "H" })).toThrow(
      /a brand named "华为" already exists/,
    );
    expect(repo.findOne(1)?.name).toBe("联想");
  });

  it("refuses to update an unknown or missing id", () => {
    const repo = memory();
    expect(() => repo.update({ id: 999, name: "Nokia" })).toThrow("brand 999 does not exist");
    expect(() => repo.update({ id: null, name: "Nokia" })).toThrow(
      "brand.id must be a positive integer, got null",
    );
    expect(() => repo.update({ id: -1, name: "Nokia" })).toThrow(/got -1/);
  });

  it("deletes nothing when one id does not exist", () => {
    const repo = memory();
    expect(() => repo.delete([1, 998, 999])).toThrow(
      "brands 998, 999 do not exist; nothing was deleted",
    );
    expect(() => repo.delete([999])).toThrow("brand 999 does not exist; nothing was deleted");
    expect(repo.findOne(1)).not.toBeNull();
  });

  it("refuses an empty delete and malformed ids", () => {
    const repo = memory();
    expect(() => repo.delete([])).toThrow(/no brand selected/);
    expect(() => repo.delete(null)).toThrow(/no brand selected/);
    expect(() => repo.delete([1, "x"])).toThrow('id must be a positive integer, got "x"');
    expect(() => repo.findOne(1.5)).toThrow(BrandError);
  });
});
