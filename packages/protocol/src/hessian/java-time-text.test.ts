import { describe, expect, it } from "vitest";
import {
  formatDuration,
  formatInstant,
  formatLocalDate,
  formatLocalTime,
  fromEpochDay,
  javaLocalTimeString,
  parseDuration,
  parseInstant,
  parseLocalDate,
  parseLocalDateTime,
  parseLocalTime,
  toEpochDay,
} from "./java-time-text.js";

// Expected texts printed by Java 17 (`Instant.ofEpochSecond(s, n)`, `Duration.ofSeconds(s, n)`,
// `Duration.parse(t)`, `LocalDate.ofEpochDay(d)`, each `.toString()`).
const INSTANTS: [bigint, number, string][] = [
  [0n, 0, "1970-01-01T00:00:00Z"],
  [-1n, 1, "1969-12-31T23:59:59.000000001Z"],
  [1709210096n, 789000000, "2024-02-29T12:34:56.789Z"],
  [253402300800n, 500000000, "+10000-01-01T00:00:00.500Z"],
  [-62135596800n, 0, "0001-01-01T00:00:00Z"],
  [-62135596801n, 0, "0000-12-31T23:59:59Z"],
  [-62167219201n, 999999999, "-0001-12-31T23:59:59.999999999Z"],
  [-377705116800n, 0, "-9999-01-01T00:00:00Z"],
  [-377705116801n, 0, "-10000-12-31T23:59:59Z"],
  [-315569606400n, 0, "-8031-12-31T00:00:00Z"],
  [31556889864403199n, 999999999, "+1000000000-12-31T23:59:59.999999999Z"],
  [-31557014167219200n, 0, "-1000000000-01-01T00:00:00Z"],
  [-377736739200n, 123000, "-10000-01-01T00:00:00.000123Z"],
];

const DURATIONS: [bigint, number, string][] = [
  [0n, 0, "PT0S"],
  [-90n, 500000000, "PT-1M-29.5S"],
  [90000n, 1000000, "PT25H0.001S"],
  [-1n, 0, "PT-1S"],
  [0n, 1, "PT0.000000001S"],
  [-1n, 999999999, "PT-0.000000001S"],
  [3600n, 0, "PT1H"],
  [-3600n, 0, "PT-1H"],
  [9223372036854775807n, 999999999, "PT2562047788015215H30M7.999999999S"],
  [-9223372036854775808n, 0, "PT-2562047788015215H-30M-8S"],
  [259261n, 0, "PT72H1M1S"],
  [-259261n, 500, "PT-72H-1M-0.9999995S"],
];

const PARSED_DURATIONS: [string, bigint, number][] = [
  ["PT8H6M12.345S", 29172n, 345000000],
  ["P2DT3H4M", 183840n, 0],
  ["-PT6H3M", -21780n, 0],
  ["PT-6H3M", -21420n, 0],
  ["-PT-6H+3M", 21420n, 0],
  ["PT-0.5S", -1n, 500000000],
  ["PT0.000000001S", 0n, 1],
  ["p1d", 86400n, 0],
  ["PT1,5S", 1n, 500000000],
  ["-P1DT-1H", -82800n, 0],
];

const EPOCH_DAYS: [number, string][] = [
  [0, "1970-01-01"],
  [-1, "1969-12-31"],
  [19844, "2024-05-01"],
  [-719528, "0000-01-01"],
  [-719529, "-0001-12-31"],
  [2932897, "+10000-01-01"],
  [-365243219162, "-999999999-01-01"],
  [365241780471, "+999999999-12-31"],
];

describe("java.time text", () => {
  it("formats instants exactly as Instant.toString()", () => {
    for (const [seconds, nanos, text] of INSTANTS) {
      expect(formatInstant({ seconds, nanos })).toBe(text);
      expect(parseInstant(text)).toEqual({ seconds, nanos });
    }
  });

  it("formats durations exactly as Duration.toString() and parses what Duration.parse parses", () => {
    for (const [seconds, nanos, text] of DURATIONS) {
      expect(formatDuration({ seconds, nanos })).toBe(text);
      expect(parseDuration(text)).toEqual({ seconds, nanos });
    }
    for (const [text, seconds, nanos] of PARSED_DURATIONS) {
      expect(parseDuration(text)).toEqual({ seconds, nanos });
    }
  });

  it("rejects durations Duration.parse rejects or that overflow a long of seconds", () => {
    for (const bad of ["", "P", "PT", "P1H", "PT1.S5", "1S", "PT1.1234567891S", "P1DT"]) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
    expect(parseDuration("PT9223372036854775808S")).toBeUndefined();
    expect(parseDuration("PT-9223372036854775808S")).toEqual({
      seconds: -9223372036854775808n,
      nanos: 0,
    });
  });

  it("converts epoch days as LocalDate.ofEpochDay / toEpochDay", () => {
    for (const [day, text] of EPOCH_DAYS) {
      expect(formatLocalDate(fromEpochDay(day))).toBe(text);
      expect(toEpochDay(parseLocalDate(text)!)).toBe(day);
    }
    // Every day from year -220 to 2243 agrees with JS Date (also proleptic Gregorian, year 0
    // included) and survives the way back.
    const wrong: number[] = [];
    for (let day = -800_000; day <= 100_000; day++) {
      const js = new Date(day * 86_400_000);
      const d = fromEpochDay(day);
      if (
        d.year !== js.getUTCFullYear() ||
        d.month !== js.getUTCMonth() + 1 ||
        d.day !== js.getUTCDate() ||
        toEpochDay(d) !== day
      )
        wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it("formats a LocalTime with seconds always and the fraction in groups of three", () => {
    expect(formatLocalTime({ hour: 0, minute: 0, second: 0, nano: 0 })).toBe("00:00:00");
    expect(formatLocalTime({ hour: 10, minute: 15, second: 30, nano: 100_000_000 })).toBe(
      "10:15:30.100",
    );
    expect(formatLocalTime({ hour: 10, minute: 15, second: 30, nano: 123_000 })).toBe(
      "10:15:30.000123",
    );
    expect(formatLocalTime({ hour: 10, minute: 15, second: 30, nano: 123_400 })).toBe(
      "10:15:30.000123400",
    );
    expect(formatLocalTime({ hour: 23, minute: 59, second: 59, nano: 1 })).toBe(
      "23:59:59.000000001",
    );
    // Java's toString drops zero seconds (what a generic call's result carries).
    expect(javaLocalTimeString({ hour: 23, minute: 5, second: 0, nano: 0 })).toBe("23:05");
    expect(javaLocalTimeString({ hour: 23, minute: 5, second: 0, nano: 1000 })).toBe(
      "23:05:00.000001",
    );
  });

  it("parses dates, times and date-times, refusing impossible ones", () => {
    expect(parseLocalDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseLocalDate("-0005-12-31")).toEqual({ year: -5, month: 12, day: 31 });
    expect(parseLocalDate("+10000-01-01")).toEqual({ year: 10000, month: 1, day: 1 });
    for (const bad of ["2023-02-29", "2024-13-01", "2024-00-10", "24-01-01", "10000-01-01", "x"]) {
      expect(parseLocalDate(bad), bad).toBeUndefined();
    }
    expect(parseLocalTime("10:15")).toEqual({ hour: 10, minute: 15, second: 0, nano: 0 });
    expect(parseLocalTime("10:15:30.5")).toEqual({
      hour: 10,
      minute: 15,
      second: 30,
      nano: 500_000_000,
    });
    for (const bad of ["24:00", "10:60", "10:15:60", "10:15:30.", "10:15:30.1234567890", "1:2"]) {
      expect(parseLocalTime(bad), bad).toBeUndefined();
    }
    expect(parseLocalDateTime("2024-05-01T10:15:30")).toEqual({
      date: { year: 2024, month: 5, day: 1 },
      time: { hour: 10, minute: 15, second: 30, nano: 0 },
    });
    expect(parseLocalDateTime("2024-05-01 10:15:30")).toBeUndefined();
  });

  it("parses instants with an offset and Date.toISOString() output", () => {
    expect(parseInstant("2024-05-01T12:15:30+02:00")).toEqual(parseInstant("2024-05-01T10:15:30Z"));
    const d = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    expect(parseInstant(d.toISOString())).toEqual({ seconds: 1709210096n, nanos: 789_000_000 });
    expect(parseInstant("+010000-01-01T00:00:00.500Z")).toEqual({
      seconds: 253402300800n,
      nanos: 500_000_000,
    });
    for (const bad of ["2024-05-01T10:15:30", "2024-05-01", "2024-05-01T10:15:30+19:00"]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
    expect(parseInstant("+1000000000-12-31T23:59:59.999999999Z")).toEqual({
      seconds: 31556889864403199n,
      nanos: 999999999,
    });
  });
});
