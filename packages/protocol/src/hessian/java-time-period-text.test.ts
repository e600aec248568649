import { describe, expect, it } from "vitest";
import {
  formatMonthDay,
  formatPeriod,
  formatYearMonth,
  parseMonthDay,
  parsePeriod,
  parseYear,
  parseYearMonth,
} from "./java-time-period-text.js";

// Java 17: Period.parse(text) → years, months, days and toString().
const PERIODS: [string, number, number, number, string][] = [
  ["P1Y2M3D", 1, 2, 3, "P1Y2M3D"],
  ["P2W", 0, 0, 14, "P14D"],
  ["-P1Y2M", -1, -2, 0, "P-1Y-2M"],
  ["P-1Y2M", -1, 2, 0, "P-1Y2M"],
  ["p0d", 0, 0, 0, "P0D"],
  ["P1Y2W3D", 1, 0, 17, "P1Y17D"],
  ["-P0D", 0, 0, 0, "P0D"],
];

describe("java.time period and partial-date text", () => {
  it("parses and writes periods as Period.parse / toString", () => {
    for (const [text, years, months, days, java] of PERIODS) {
      const p = parsePeriod(text);
      expect(p).toEqual({ years, months, days });
      expect(formatPeriod(p!)).toBe(java);
    }
    for (const bad of ["P", "P1", "PT1H", "P2147483648D", "P1Y1Y"]) {
      expect(parsePeriod(bad), bad).toBeUndefined();
    }
  });

  it("writes YearMonth and MonthDay as Java does, and reads years as numbers or text", () => {
    // Java 17: YearMonth.of(10000, 1), (-5, 12), (-12345, 3); MonthDay.of(2, 29).
    expect(formatYearMonth(10000, 1)).toBe("10000-01");
    expect(formatYearMonth(-5, 12)).toBe("-0005-12");
    expect(formatYearMonth(-12345, 3)).toBe("-12345-03");
    expect(parseYearMonth("-0005-12")).toEqual({ year: -5, month: 12 });
    expect(parseYearMonth("2024-13")).toBeUndefined();
    expect(formatMonthDay(2, 29)).toBe("--02-29");
    expect(parseMonthDay("--02-29")).toEqual({ month: 2, day: 29 });
    expect(parseMonthDay("--02-30")).toBeUndefined();
    expect(parseYear(-44)).toBe(-44);
    expect(parseYear("12345")).toBe(12345);
    for (const bad of [1.5, "1e3", 1_000_000_000, "", null]) expect(parseYear(bad)).toBeUndefined();
  });
});
