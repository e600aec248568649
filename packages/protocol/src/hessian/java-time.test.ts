import { defineJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { hessianErrorOf } from "../../test/support.js";
import { HessianError } from "./hessian-error.js";
import { JAVA_TIME_CLASSES } from "./java-time-handles.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

defineJavaClass({
  name: "com.example.Event",
  fields: {
    day: "java.time.LocalDate",
    at: "java.time.LocalTime",
    created: "java.time.LocalDateTime",
    seen: "java.time.Instant",
    took: "java.time.Duration",
  },
});
defineJavaClass({
  name: "com.example.Tag",
  fields: { name: "java.lang.String" },
});

const HANDLES = "com.alibaba.com.caucho.hessian.io.java8.";

function encode(value: unknown, type: string, generic = false): Buffer {
  const w = new HessianWriter();
  new TypedWriter(w, generic).write(value, type, "value");
  return Buffer.from(w.toBuffer());
}

function decode(body: Buffer, type?: string, options = {}): unknown {
  return new HessianReader(body, 0, undefined, options).readValue(
    type === undefined ? undefined : parseJavaType(type),
  );
}

const roundTrip = (value: unknown, type: string) => decode(encode(value, type), type);

/** A body holding one object of `type` with raw field values (for hostile and compact inputs). */
function objectBody(type: string, fields: Record<string, (w: HessianWriter) => void>): Buffer {
  const w = new HessianWriter();
  w.writeObjectBegin(type, Object.keys(fields));
  for (const write of Object.values(fields)) write(w);
  return Buffer.from(w.toBuffer());
}

describe("java.time values", () => {
  it("round-trip as ISO-8601 strings, one shape per type", () => {
    expect(roundTrip("2024-05-01", "java.time.LocalDate")).toBe("2024-05-01");
    expect(roundTrip("-0005-12-31", "java.time.LocalDate")).toBe("-0005-12-31");
    expect(roundTrip("10:15", "java.time.LocalTime")).toBe("10:15:00");
    expect(roundTrip("00:00:00", "java.time.LocalTime")).toBe("00:00:00");
    expect(roundTrip("10:15:30.5", "java.time.LocalTime")).toBe("10:15:30.500");
    expect(roundTrip("2024-05-01T10:15:30.123456789", "java.time.LocalDateTime")).toBe(
      "2024-05-01T10:15:30.123456789",
    );
    expect(roundTrip("2024-05-01T10:15:00", "java.time.LocalDateTime")).toBe("2024-05-01T10:15:00");
    expect(roundTrip("2024-05-01T12:15:30+02:00", "java.time.Instant")).toBe(
      "2024-05-01T10:15:30Z",
    );
    expect(roundTrip("PT-1M-29.5S", "java.time.Duration")).toBe("PT-1M-29.5S");
    expect(roundTrip("P2DT3H", "java.time.Duration")).toBe("PT51H");
  });

  it("round-trips the zone, offset, period and partial-date types as Java's toString() text", () => {
    const cases: [string, unknown, unknown][] = [
      ["java.time.ZonedDateTime", "2024-05-01T10:15:30+08:00[Asia/Shanghai]", undefined],
      ["java.time.ZonedDateTime", "2024-05-01T10:15-05:30", "2024-05-01T10:15:00-05:30"],
      ["java.time.ZonedDateTime", "2024-05-01T10:15:30Z[UTC]", undefined],
      ["java.time.OffsetDateTime", "2024-05-01T10:15:30.123Z", undefined],
      ["java.time.OffsetTime", "23:59:59.000000001+05:30:15", undefined],
      ["java.time.ZoneOffset", "+8", "+08:00"],
      ["java.time.ZoneId", "Europe/Paris", undefined],
      ["java.time.ZoneId", "-05:30", undefined],
      ["java.time.ZoneId", "UTC+08:00", undefined],
      ["java.time.Period", "P1Y2W", "P1Y14D"],
      ["java.time.Year", 2024, "2024"],
      ["java.time.Year", "-44", "-44"],
      ["java.time.YearMonth", "2024-02", undefined],
      ["java.time.MonthDay", "--02-29", undefined],
    ];
    for (const [type, sent, back] of cases) expect(roundTrip(sent, type), type).toBe(back ?? sent);
    const refused: [string, unknown][] = [
      ["java.time.ZonedDateTime", "2024-05-01T10:15:30[Asia/Shanghai]"],
      ["java.time.OffsetDateTime", "2024-05-01T10:15:30"],
      ["java.time.ZoneId", "Europe/Par is"],
      ["java.time.Period", "PT1H"],
      ["java.time.Year", 1.5],
      ["java.time.MonthDay", "--02-30"],
    ];
    for (const [type, bad] of refused) {
      const e = hessianErrorOf(() => encode(bad, type));
      expect(e.kind).toBe("type");
      expect(e.message).toContain(`value: expected`);
      expect(e.message).toContain(type);
    }
  });

  it("writes an Instant from a Date and reads it as Instant.toString(), nanos kept", () => {
    const d = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    expect(roundTrip(d, "java.time.Instant")).toBe("2024-02-29T12:34:56.789Z");
    expect(roundTrip(new Date(-1), "java.time.Instant")).toBe("1969-12-31T23:59:59.999Z");
    expect(roundTrip("1969-12-31T23:59:59.000000001Z", "java.time.Instant")).toBe(
      "1969-12-31T23:59:59.000000001Z",
    );
  });

  it('reads 64-bit seconds whatever the long policy (longs: "number" included)', () => {
    const max = "+1000000000-12-31T23:59:59.999999999Z";
    expect(decode(encode(max, "java.time.Instant"), undefined, { longs: "number" })).toBe(max);
    const forever = "PT2562047788015215H30M7.999999999S"; // ChronoUnit.FOREVER.getDuration()
    expect(decode(encode(forever, "java.time.Duration"), undefined, { longs: "number" })).toBe(
      forever,
    );
  });

  it("writes a LocalDate as hessian-lite's LocalDateHandle {day, month, year}", () => {
    const name = `${HANDLES}LocalDateHandle`;
    const hex = [
      "43", // class definition
      `30${name.length.toString(16)}${Buffer.from(name).toString("hex")}`,
      "93", // 3 fields
      `03${Buffer.from("day").toString("hex")}`,
      `05${Buffer.from("month").toString("hex")}`,
      `04${Buffer.from("year").toString("hex")}`,
      "60", // instance of definition 0
      "91", // day 1
      "95", // month 5
      "cfe8", // year 2024
    ].join("");
    expect(encode("2024-05-01", "java.time.LocalDate").toString("hex")).toBe(hex);
  });

  it("counts every handle in the reference numbering (a later back-reference stays right)", () => {
    const tag = { name: "t" };
    const w = new HessianWriter();
    const tw = new TypedWriter(w);
    w.addRef([]); // the list itself: ref 0
    w.writeListBegin(3, null);
    tw.write("2024-05-01T10:15:30", "java.time.LocalDateTime", "[0]"); // refs 1, 2, 3 (handles)
    tw.write(tag, "com.example.Tag", "[1]"); // ref 4
    tw.write(tag, "com.example.Tag", "[2]"); // back-reference 'Q' 4
    const hex = Buffer.from(w.toBuffer()).toString("hex");
    expect(hex.endsWith("5194")).toBe(true);
    const list = decode(Buffer.from(w.toBuffer())) as unknown[];
    expect(list[0]).toBe("2024-05-01T10:15:30");
    expect(list[2]).toBe(list[1]);
  });

  it("writes LocalDate/LocalTime/LocalDateTime as Java's toString() text in a generic result", () => {
    expect(decode(encode("2024-05-01", "java.time.LocalDate", true))).toBe("2024-05-01");
    expect(decode(encode("23:05:00", "java.time.LocalTime", true))).toBe("23:05");
    expect(decode(encode("2024-05-01T23:05:00", "java.time.LocalDateTime", true))).toBe(
      "2024-05-01T23:05",
    );
    expect(encode("PT1S", "java.time.Duration", true).includes("DurationHandle")).toBe(true);
  });

  it("refuses values of the wrong shape with a type error naming the field", () => {
    const event = {
      day: "2024-05-01",
      at: "10:15:30",
      created: "2024-05-01T10:15:30",
      seen: new Date(0),
      took: "PT1S",
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ day: "2024-13-01" }, ".day", "java.time.LocalDate"],
      [{ day: new Date(0) }, ".day", "java.time.LocalDate"],
      [{ at: "25:00" }, ".at", "java.time.LocalTime"],
      [{ created: "2024-05-01 10:15:30" }, ".created", "java.time.LocalDateTime"],
      [{ seen: 0 }, ".seen", "java.time.Instant"],
      [{ seen: new Date(Number.NaN) }, ".seen", "java.time.Instant"],
      [{ seen: "2024-05-01T10:15:30" }, ".seen", "java.time.Instant"],
      [{ took: 1000 }, ".took", "java.time.Duration"],
      [{ took: "1s" }, ".took", "java.time.Duration"],
    ];
    for (const [patch, field, type] of cases) {
      const e = hessianErrorOf(() => encode({ ...event, ...patch }, "com.example.Event"));
      expect(e.kind).toBe("type");
      expect(e.message).toContain(`value${field}`);
      expect(e.message).toContain(type);
    }
    const inList = hessianErrorOf(() =>
      encode(["2024-05-01", "nope"], "java.util.List<java.time.LocalDate>"),
    );
    expect(inList.message).toContain("value[1]");
    expect(roundTrip(event, "com.example.Event")).toEqual({
      ...event,
      seen: "1970-01-01T00:00:00Z",
    });
  });

  it("reads null fields and null values as null", () => {
    expect(roundTrip(null, "java.time.LocalDate")).toBeNull();
    expect(roundTrip({}, "com.example.Event")).toEqual({
      day: null,
      at: null,
      created: null,
      seen: null,
      took: null,
    });
  });

  it("reads hessian-lite 4's compact classes, one long whatever the declared fields", () => {
    const date = objectBody("java.time.LocalDate", {}); // no field, then the long
    const w = new HessianWriter();
    w.writeRaw(date);
    w.writeLong(19844);
    expect(decode(Buffer.from(w.toBuffer()))).toBe("2024-05-01");
    // LocalDateDeserializer ignores a field list: still exactly one long.
    const odd = new HessianWriter();
    odd.writeListBegin(2, null);
    odd.writeObjectBegin("java.time.LocalTime", ["a", "b"]);
    odd.writeLong(3_600_000_000_001n);
    odd.writeString("next");
    expect(decode(Buffer.from(odd.toBuffer()))).toEqual(["01:00:00.000000001", "next"]);
    const dateTime = objectBody("java.time.LocalDateTime", {
      date: (x) => x.writeLong(0),
      time: (x) => x.writeLong(0),
    });
    expect(decode(dateTime)).toBe("1970-01-01T00:00:00");
  });

  it("reports an impossible handle as malformed (Java's readResolve would answer null)", () => {
    const int = (v: number) => (w: HessianWriter) => w.writeInt(v);
    const bodies = [
      objectBody(`${HANDLES}LocalDateHandle`, { day: int(30), month: int(2), year: int(2024) }),
      objectBody(`${HANDLES}LocalDateHandle`, {
        day: int(1),
        month: int(1),
        year: (w) => w.writeString("2024"),
      }),
      objectBody(`${HANDLES}LocalDateHandle`, { day: int(1), month: int(1) }),
      objectBody(`${HANDLES}LocalTimeHandle`, {
        nano: int(0),
        second: int(0),
        minute: int(60),
        hour: int(1),
      }),
      objectBody(`${HANDLES}LocalDateTimeHandle`, {
        time: (w) => w.writeString("10:00:00"),
        date: int(5),
      }),
      objectBody(`${HANDLES}InstantHandle`, {
        nanos: int(0),
        seconds: (w) => w.writeLong(31556889864403200n),
      }),
      objectBody(`${HANDLES}DurationHandle`, { nanos: int(-1), seconds: (w) => w.writeLong(0) }),
      objectBody("java.time.LocalDateTime", { date: (w) => w.writeLong(0) }),
      objectBody(`${HANDLES}ZoneOffsetHandle`, { seconds: int(18 * 3600 + 1) }),
      objectBody(`${HANDLES}ZoneIdHandle`, { zoneId: (w) => w.writeString("../etc") }),
      objectBody(`${HANDLES}ZonedDateTimeHandle`, {
        offset: (w) => w.writeString("+08:00"),
        dateTime: (w) => w.writeString("2024-05-01T10:15:30"),
        zoneId: int(8),
      }),
      objectBody(`${HANDLES}PeriodHandle`, {
        days: (w) => w.writeLong(2n ** 31n),
        months: int(0),
        years: int(0),
      }),
      objectBody(`${HANDLES}MonthDayHandle`, { day: int(31), month: int(4) }),
    ];
    for (const body of bodies) {
      const e = hessianErrorOf(() => decode(body));
      expect(e.kind).toBe("malformed");
      expect(e.message).toMatch(
        /an invalid (com\.alibaba\.com\.caucho\.hessian\.io\.java8|java\.time)/,
      );
    }
    const compact = new HessianWriter();
    compact.writeObjectBegin("java.time.LocalDate", []);
    compact.writeLong(365241780472n); // LocalDate.MAX + 1 day
    expect(hessianErrorOf(() => decode(Buffer.from(compact.toBuffer()))).kind).toBe("malformed");
  });

  it("keeps the reader's rules: poison keys dropped, nesting bounded", () => {
    const poisoned = objectBody(`${HANDLES}LocalDateHandle`, {
      ["__proto__"]: (w) => {
        w.writeMapBegin(null);
        w.writeMapEnd();
      },
      day: (w) => w.writeInt(1),
      month: (w) => w.writeInt(1),
      year: (w) => w.writeInt(2000),
    });
    expect(poisoned.includes(Buffer.from("__proto__"))).toBe(true);
    expect(decode(poisoned)).toBe("2000-01-01");
    // LocalDateTimeHandle nesting LocalDateTimeHandles: the depth bound stops it.
    const w = new HessianWriter();
    for (let i = 0; i < 10; i++) {
      w.writeObjectBegin(`${HANDLES}LocalDateTimeHandle`, ["time", "date"]);
    }
    const e = hessianErrorOf(() =>
      decode(Buffer.from(w.toBuffer()), undefined, { limits: { maxDepth: 5 } }),
    );
    expect(e.kind).toBe("limit");
  });

  it("gives a value or a HessianError for any field values (seeded random bodies)", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const writers: ((w: HessianWriter) => void)[] = [
      (w) => w.writeInt(rand(70) - 5),
      (w) => w.writeInt(-0x80000000 + rand(3)),
      (w) => w.writeLong(BigInt(rand(1000)) * 10n ** 15n - 5n * 10n ** 17n),
      (w) =>
        w.writeString(["", "Z", "+08:00", "10:15", "2024-05-01", "x".repeat(rand(40))][rand(6)]!),
      (w) => w.writeNull(),
      (w) => w.writeDouble(1.5),
      (w) => {
        w.writeListBegin(1, "[int");
        w.writeInt(rand(3));
      },
      (w) => {
        w.writeMapBegin(null);
        w.writeMapEnd();
      },
    ];
    const names = [...JAVA_TIME_CLASSES.keys(), "java.math.BigInteger"];
    const fieldNames = ["day", "month", "year", "hour", "minute", "second", "nano", "nanos"];
    fieldNames.push("seconds", "date", "time", "dateTime", "offset", "zoneId", "value", "signum");
    fieldNames.push("mag", "localTime", "zoneOffset", "days", "months", "years");
    const outcomes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const w = new HessianWriter();
      const fields = Array.from(
        { length: 1 + rand(4) },
        () => fieldNames[rand(fieldNames.length)]!,
      );
      w.writeObjectBegin(names[rand(names.length)]!, [...new Set(fields)]);
      for (let f = 0; f < new Set(fields).size; f++) writers[rand(writers.length)]!(w);
      w.writeInt(0); // a trailing value for the compact classes' one long
      try {
        const v = decode(Buffer.from(w.toBuffer()));
        outcomes.add(typeof v);
      } catch (e) {
        expect(e).toBeInstanceOf(HessianError);
        outcomes.add((e as HessianError).kind);
      }
    }
    expect(outcomes.has("malformed")).toBe(true);
    expect(outcomes.has("string")).toBe(true);
  });
});
