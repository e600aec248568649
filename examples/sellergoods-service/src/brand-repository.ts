import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BrandInput, PageResult, TbBrand } from "./contract.js";

/**
 * A rule of the brand catalogue was broken (empty or duplicate name, unknown id, bad page).
 * Thrown by the provider's methods, it travels to the consumer as a Dubbo business exception.
 */
export class BrandError extends Error {
  override readonly name = "BrandError";
}

/** The brands of the classic tutorial's `tb_brand` table, written on first start. */
export const SEED_BRANDS: readonly (readonly [name: string, firstChar: string])[] = [
  ["联想", "L"],
  ["华为", "H"],
  ["三星", "S"],
  ["小米", "X"],
  ["OPPO", "O"],
  ["360", "3"],
  ["中兴", "Z"],
  ["魅族", "M"],
  ["苹果", "P"],
  ["VIVO", "V"],
  ["诺基亚", "N"],
  ["锤子", "C"],
  ["长虹", "C"],
  ["海尔", "H"],
  ["飞利浦", "F"],
  ["TCL", "T"],
  ["海信", "H"],
  ["夏普", "X"],
  ["索尼", "S"],
  ["金立", "J"],
  ["一加", "Y"],
  ["格力", "G"],
];

/** Largest page a caller may ask for; a bigger one is a BrandError, not a silent clamp. */
export const MAX_PAGE_SIZE = 1000;
const MAX_NAME_LENGTH = 100;

/** The brand table (`tb_brand`) in one SQLite file. Synchronous: better-sqlite3 is. */
export interface BrandRepository {
  findAll(): TbBrand[];
  findPage(pageNum: number, pageSize: number): PageResult;
  /** The brand, or null when there is none with that id (or the id is null, as in Java). */
  findOne(id: unknown): TbBrand | null;
  /** Inserts the brand and returns it with its new id. */
  add(brand: BrandInput | null | undefined): TbBrand;
  update(brand: BrandInput | null | undefined): void;
  /** Deletes every id, or none when one of them does not exist. */
  delete(ids: readonly unknown[] | null | undefined): void;
  search(example: BrandInput | null | undefined, pageNum: number, pageSize: number): PageResult;
  close(): void;
}

interface BrandRow {
  id: number;
  name: string;
  first_char: string | null;
}

const toBrand = (row: BrandRow) =>
  TbBrand.of({ id: row.id, name: row.name, firstChar: row.first_char });

/**
 * Opens (creating directories, schema and seed data on first use) the brand database at `file`
 * (`":memory:"` for a private in-memory one). Several processes may share one file: WAL mode and
 * a busy timeout serialise their writes, and the seed is written once, in an immediate transaction.
 */
export function openBrandRepository(file: string): BrandRepository {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.transaction(() => {
    if (db.pragma("user_version", { simple: true }) !== 0) return;
    db.exec(`CREATE TABLE IF NOT EXISTS tb_brand (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      first_char TEXT
    )`);
    const insert = db.prepare("INSERT INTO tb_brand (name, first_char) VALUES (?, ?)");
    for (const [name, firstChar] of SEED_BRANDS) insert.run(name, firstChar);
    db.pragma("user_version = 1");
  }).immediate();

  const statements = {
    all: db.prepare<[], BrandRow>("SELECT id, name, first_char FROM tb_brand ORDER BY id"),
    one: db.prepare<[number], BrandRow>("SELECT id, name, first_char FROM tb_brand WHERE id = ?"),
    byName: db.prepare<[string], BrandRow>(
      "SELECT id, name, first_char FROM tb_brand WHERE name = ?",
    ),
    insert: db.prepare<[string, string | null]>(
      "INSERT INTO tb_brand (name, first_char) VALUES (?, ?)",
    ),
    update: db.prepare<[string, string | null, number]>(
      "UPDATE tb_brand SET name = ?, first_char = ? WHERE id = ?",
    ),
    remove: db.prepare<[number]>("DELETE FROM tb_brand WHERE id = ?"),
  };

  const page = (where: string, params: unknown[], pageNum: number, pageSize: number) => {
    checkPage(pageNum, pageSize);
    const total = (
      db.prepare(`SELECT count(*) AS n FROM tb_brand ${where}`).get(...params) as { n: number }
    ).n;
    const rows = db
      .prepare<unknown[], BrandRow>(
        `SELECT id, name, first_char FROM tb_brand ${where} ORDER BY id LIMIT ? OFFSET ?`,
      )
      .all(...params, pageSize, (pageNum - 1) * pageSize);
    return PageResult.of(total, rows.map(toBrand));
  };

  const checkUniqueName = (name: string, exceptId?: number) => {
    const other = statements.byName.get(name);
    if (other && other.id !== exceptId)
      throw new BrandError(`a brand named "${name}" already exists (id ${other.id})`);
  };

  return {
    findAll: () => statements.all.all().map(toBrand),

    findPage: (pageNum, pageSize) => page("", [], pageNum, pageSize),

    findOne(id) {
      if (id === null || id === undefined) return null;
      const row = statements.one.get(toId(id));
      return row ? toBrand(row) : null;
    },

    add(brand) {
      const { name, firstChar } = checkBrand(brand);
      return db.transaction(() => {
        checkUniqueName(name);
        const { lastInsertRowid } = statements.insert.run(name, firstChar);
        return TbBrand.of({ id: Number(lastInsertRowid), name, firstChar });
      })();
    },

    update(brand) {
      const id = toId(brand?.id, "brand.id");
      const { name, firstChar } = checkBrand(brand);
      db.transaction(() => {
        if (!statements.one.get(id)) throw new BrandError(`brand ${id} does not exist`);
        checkUniqueName(name, id);
        statements.update.run(name, firstChar, id);
      })();
    },

    delete(ids) {
      if (!Array.isArray(ids) || ids.length === 0)
        throw new BrandError("no brand selected: ids must name at least one brand");
      const checked = ids.map((id) => toId(id));
      db.transaction(() => {
        const missing = checked.filter((id) => !statements.one.get(id));
        if (missing.length > 0)
          throw new BrandError(
            `brand${missing.length > 1 ? "s" : ""} ${missing.join(", ")} do${missing.length > 1 ? "" : "es"} not exist; nothing was deleted`,
          );
        for (const id of checked) statements.remove.run(id);
      })();
    },

    search(example, pageNum, pageSize) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const name = example?.name?.trim();
      if (name) {
        clauses.push("name LIKE ? ESCAPE '\\'");
        params.push(`%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      const firstChar = example?.firstChar?.trim();
      if (firstChar) {
        clauses.push("first_char = ?");
        params.push(firstChar.toUpperCase());
      }
      const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
      return page(where, params, pageNum, pageSize);
    },

    close: () => db.close(),
  };
}

/** A `java.lang.Long` id as it arrives (number, bigint or a numeric string from JSON). */
function toId(value: unknown, what = "id"): number {
  const id =
    typeof value === "bigint" ? Number(value) : typeof value === "string" ? Number(value) : value;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0)
    throw new BrandError(`${what} must be a positive integer, got ${describe(value)}`);
  return id;
}

function checkPage(pageNum: unknown, pageSize: unknown) {
  if (typeof pageNum !== "number" || !Number.isInteger(pageNum) || pageNum < 1)
    throw new BrandError(`pageNum must be an integer ≥ 1, got ${describe(pageNum)}`);
  if (
    typeof pageSize !== "number" ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE
  )
    throw new BrandError(
      `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${describe(pageSize)}`,
    );
}

function checkBrand(brand: BrandInput | null | undefined): {
  name: string;
  firstChar: string | null;
} {
  if (brand === null || typeof brand !== "object") throw new BrandError("no brand given");
  const name = typeof brand.name === "string" ? brand.name.trim() : "";
  if (!name) throw new BrandError("the brand name must not be empty");
  if ([...name].length > MAX_NAME_LENGTH)
    throw new BrandError(`the brand name is longer than ${MAX_NAME_LENGTH} characters`);
  const rawFirst = typeof brand.firstChar === "string" ? brand.firstChar.trim() : "";
  if ([...rawFirst].length > 1)
    throw new BrandError(`the first letter must be one character, got "${rawFirst}"`);
  return { name, firstChar: rawFirst ? rawFirst.toUpperCase() : null };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}`;
  return String(value);
}
