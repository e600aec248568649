import { describe, expect, it } from "vitest";
import {
  formatZoneOffset,
  parseOffsetDateTime,
  parseOffsetTime,
  parseZonedDateTime,
  parseZoneOffset,
} from "./java-time-zone-text.js";

// Java 17: ZoneOffset.ofTotalSeconds(s).getId() and ZoneOffset.of(text).getTotalSeconds().
const IDS: [number, string][] = [
  [0, "Z"],
  [28800, "+08:00"],
  [-19800, "-05:30"],
  [19815, "+05:30:15"],
  [-64800, "-18:00"],
  [60, "+00:01"],
];
const PARSED: [string, number][] = [
  ["+8", 28800],
  ["+08", 28800],
  ["+0830", 30600],
  ["+08:30", 30600],
  ["-08:30:15", -30615],
  ["Z", 0],
  ["+18:00", 64800],
];

describe("java.time zone text", () => {
  it("writes and reads offsets as ZoneOffset does", () => {
    for (const [seconds, id] of IDS) {
      expect(formatZoneOffset(seconds)).toBe(id);
      expect(parseZoneOffset(id)).toBe(seconds);
    }
    for (const [text, seconds] of PARSED) expect(parseZoneOffset(text)).toBe(seconds);
    for (const bad of ["+18:01", "+19", "08:00", "+8:30", "+08:60", "z", ""]) {
      expect(parseZoneOffset(bad), bad).toBeUndefined();
    }
  });

  it("parses offset times and date-times, the offset after the time", () => {
    expect(parseOffsetTime("10:15+05:30:15")).toEqual({
      time: { hour: 10, minute: 15, second: 0, nano: 0 },
      offset: 19815,
    });
    expect(parseOffsetDateTime("-0005-12-31T23:59:59.5Z")).toEqual({
      date: { year: -5, month: 12, day: 31 },
      time: { hour: 23, minute: 59, second: 59, nano: 500_000_000 },
      offset: 0,
    });
    expect(parseOffsetDateTime("2024-05-01T10:15:30")).toBeUndefined();
    expect(parseOffsetDateTime("2024-05-01-05:00")).toBeUndefined();
    expect(parseOffsetTime("10:15")).toBeUndefined();
  });

  it("parses zoned date-times: a region in brackets, or the offset as the zone", () => {
    expect(parseZonedDateTime("2024-05-01T10:15:30+08:00[Asia/Shanghai]")).toMatchObject({
      offset: 28800,
      zoneId: "Asia/Shanghai",
    });
    // Java 17: ZonedDateTime.of(…, ZoneId.of("UTC+8")).toString() ends "+08:00[UTC+08:00]".
    expect(parseZonedDateTime("2024-05-01T10:15:30+08:00[UTC+08:00]")?.zoneId).toBe("UTC+08:00");
    expect(parseZonedDateTime("2024-05-01T10:15-05:30")).toMatchObject({
      offset: -19800,
      zoneId: "-05:30",
    });
    expect(parseZonedDateTime("2024-05-01T10:15Z[Z]")?.zoneId).toBe("Z");
    // An offset zone that is not the offset, or a zone id with bad characters: refused.
    expect(parseZonedDateTime("2024-05-01T10:15+01:00[+02:00]")).toBeUndefined();
    expect(parseZonedDateTime("2024-05-01T10:15+01:00[Europe/Par is]")).toBeUndefined();
  });
});
