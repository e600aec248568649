import { isValidDate, MAX_YEAR } from "./java-time-text.js";

/**
 * The text of the date-based amounts and partial dates, as Java's `toString()` writes them:
 * Period `P1Y-2M30D` (`P0D` for zero), Year `2024` / `-44`, YearMonth `2024-02` (no `+` above
 * 9999, unlike LocalDate), MonthDay `--02-29`.
 */

export interface PeriodFields {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX;
}

/** `Period.toString()`. */
export function formatPeriod(p: PeriodFields): string {
  if (p.years === 0 && p.months === 0 && p.days === 0) return "P0D";
  let out = "P";
  if (p.years !== 0) out += `${p.years}Y`;
  if (p.months !== 0) out += `${p.months}M`;
  if (p.days !== 0) out += `${p.days}D`;
  return out;
}

/** True when every component is a Java int. */
export function isValidPeriod(p: PeriodFields): boolean {
  return isInt32(p.years) && isInt32(p.months) && isInt32(p.days);
}

const PERIOD = /^([-+]?)P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?$/i;

/** Parses what `Period.parse` accepts (`P1Y2M3D`, `P2W` = 14 days, `-P1M`); undefined beyond int. */
export function parsePeriod(text: string): PeriodFields | undefined {
  const m = PERIOD.exec(text);
  if (!m || (m[2] ?? m[3] ?? m[4] ?? m[5]) === undefined) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  const n = (s: string | undefined) => (s === undefined ? 0 : sign * Number(s));
  const p = { years: n(m[2]), months: n(m[3]), days: n(m[4]) * 7 + n(m[5]) };
  // -0 from "-P0D" is 0 for Java.
  const clean = { years: p.years + 0, months: p.months + 0, days: p.days + 0 };
  return isValidPeriod(clean) ? clean : undefined;
}

/** True for `Year.of` / `YearMonth.of` years. */
export function isValidYear(year: number): boolean {
  return Number.isInteger(year) && Math.abs(year) <= MAX_YEAR;
}

/** Parses a Year: an integer number or its decimal text. */
export function parseYear(value: unknown): number | undefined {
  const year =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^[+-]?\d{1,10}$/.test(value)
        ? Number(value)
        : Number.NaN;
  return isValidYear(year) ? year + 0 : undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `YearMonth.toString()`: 4-digit years, a `-` below 0, more digits (without `+`) above 9999. */
export function formatYearMonth(year: number, month: number): string {
  const abs = Math.abs(year);
  const y = abs < 1000 ? (year < 0 ? "-" : "") + pad(abs, 4) : String(year);
  return `${y}-${pad(month, 2)}`;
}

/** Parses `[+-]YYYY-MM`. */
export function parseYearMonth(text: string): { year: number; month: number } | undefined {
  const m = /^([+-]?\d{4,10})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const v = { year: Number(m[1]), month: Number(m[2]) };
  return isValidYear(v.year) && v.month >= 1 && v.month <= 12 ? v : undefined;
}

/** `MonthDay.toString()`: `--MM-DD`. */
export function formatMonthDay(month: number, day: number): string {
  return `--${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for `MonthDay.of` (February 29 included). */
export function isValidMonthDay(month: number, day: number): boolean {
  return isValidDate({ year: 2000, month, day });
}

/** Parses `--MM-DD`. */
export function parseMonthDay(text: string): { month: number; day: number } | undefined {
  const m = /^--(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const v = { month: Number(m[1]), day: Number(m[2]) };
  return isValidMonthDay(v.month, v.day) ? v : undefined;
}
