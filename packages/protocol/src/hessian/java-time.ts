import { HessianError } from "./hessian-error.js";
import { HANDLE } from "./java-time-handles.js";
import {
  type PeriodFields,
  parseMonthDay,
  parsePeriod,
  parseYear,
  parseYearMonth,
} from "./java-time-period-text.js";
import {
  formatLocalDate,
  javaLocalTimeString,
  type LocalDateFields,
  type LocalTimeFields,
  parseDuration,
  parseInstant,
  parseLocalDate,
  parseLocalDateTime,
  parseLocalTime,
  type SecondsAndNanos,
} from "./java-time-text.js";
import {
  isZoneRegionId,
  parseOffsetDateTime,
  parseOffsetTime,
  parseZonedDateTime,
  parseZoneOffset,
} from "./java-time-zone-text.js";
import { cachedParse, RecentValues } from "./recent-values.js";
import type { HessianWriter } from "./writer.js";

/**
 * Writes java.time values declared on a contract exactly as hessian-lite writes them: as its
 * `java8.*Handle` objects (java-time-handles.ts), from the JS text forms of java-time*-text.ts
 * (and a `Date` for an Instant). Every handle is a new Java object that Hessian2Output.addRef
 * numbers: each one takes a reference number here too (`skipRef`), so later back-references match.
 */

/** The java.time types written here (and read: JAVA_TIME_CLASSES), by declared type name. */
export const JAVA_TIME_TYPES: ReadonlySet<string> = new Set([
  "java.time.LocalDate",
  "java.time.LocalTime",
  "java.time.LocalDateTime",
  "java.time.Instant",
  "java.time.Duration",
  "java.time.ZonedDateTime",
  "java.time.OffsetDateTime",
  "java.time.OffsetTime",
  "java.time.ZoneOffset",
  "java.time.ZoneId",
  "java.time.Period",
  "java.time.Year",
  "java.time.YearMonth",
  "java.time.MonthDay",
]);

/** The text each type accepts, for error messages. */
const FORMS: Record<string, string> = {
  "java.time.LocalDate": 'a valid "YYYY-MM-DD" string',
  "java.time.LocalTime": 'a valid "HH:mm[:ss[.fffffffff]]" string',
  "java.time.LocalDateTime": 'a valid "YYYY-MM-DDTHH:mm[:ss[.f]]" string',
  "java.time.Instant": 'a Date or an ISO-8601 instant string ("…Z" or "…+08:00")',
  "java.time.Duration": 'an ISO-8601 duration string ("PT1.5S")',
  "java.time.ZonedDateTime": 'a string like "2024-05-01T10:15:30+08:00[Asia/Shanghai]"',
  "java.time.OffsetDateTime": 'a string like "2024-05-01T10:15:30+08:00"',
  "java.time.OffsetTime": 'a string like "10:15:30+08:00"',
  "java.time.ZoneOffset": 'an offset string ("Z", "+08:00")',
  "java.time.ZoneId": 'a zone id ("Asia/Shanghai") or an offset ("+08:00")',
  "java.time.Period": 'an ISO-8601 period string ("P1Y2M3D")',
  "java.time.Year": "an integer year (number or string)",
  "java.time.YearMonth": 'a "YYYY-MM" string',
  "java.time.MonthDay": 'a "--MM-DD" string',
};

// The same dates and times recur across the records of a call: parse each text once while cached.
const parseDate = cachedParse(new RecentValues<string, LocalDateFields>(), parseLocalDate);
const parseTime = cachedParse(new RecentValues<string, LocalTimeFields>(), parseLocalTime);
const parseDateTime = cachedParse(
  new RecentValues<string, { date: LocalDateFields; time: LocalTimeFields }>(),
  parseLocalDateTime,
);

function date(out: HessianWriter, d: LocalDateFields): void {
  out.skipRef();
  out.writeObjectBegin(HANDLE.localDate.name, HANDLE.localDate.fields);
  out.writeInt(d.day);
  out.writeInt(d.month);
  out.writeInt(d.year);
}

function time(out: HessianWriter, t: LocalTimeFields): void {
  out.skipRef();
  out.writeObjectBegin(HANDLE.localTime.name, HANDLE.localTime.fields);
  out.writeInt(t.nano);
  out.writeInt(t.second);
  out.writeInt(t.minute);
  out.writeInt(t.hour);
}

function dateTime(out: HessianWriter, v: { date: LocalDateFields; time: LocalTimeFields }): void {
  out.skipRef();
  out.writeObjectBegin(HANDLE.localDateTime.name, HANDLE.localDateTime.fields);
  time(out, v.time);
  date(out, v.date);
}

function secondsNanos(
  out: HessianWriter,
  handle: { name: string; fields: readonly string[] },
  v: SecondsAndNanos,
): void {
  out.skipRef();
  out.writeObjectBegin(handle.name, handle.fields);
  out.writeInt(v.nanos);
  out.writeLong(v.seconds);
}

function offset(out: HessianWriter, seconds: number): void {
  out.skipRef();
  out.writeObjectBegin(HANDLE.zoneOffset.name, HANDLE.zoneOffset.fields);
  out.writeInt(seconds);
}

function ints(
  out: HessianWriter,
  handle: { name: string; fields: readonly string[] },
  values: readonly number[],
): void {
  out.skipRef();
  out.writeObjectBegin(handle.name, handle.fields);
  for (const v of values) out.writeInt(v);
}

function toInstant(value: unknown): SecondsAndNanos | undefined {
  if (!(value instanceof Date)) return typeof value === "string" ? parseInstant(value) : undefined;
  const ms = value.getTime();
  if (Number.isNaN(ms)) return undefined;
  const seconds = Math.floor(ms / 1000);
  return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Parses `value` for `type` and writes it; false when the value does not fit the type. */
function write(out: HessianWriter, type: string, value: unknown, generic: boolean): boolean {
  // Strings for everything but an Instant (also a Date) and a Year (also a number).
  if (type === "java.time.Instant") {
    const v = toInstant(value);
    if (v) secondsNanos(out, HANDLE.instant, v);
    return v !== undefined;
  }
  if (type === "java.time.Year") {
    const year = parseYear(value);
    if (year !== undefined) ints(out, HANDLE.year, [year]);
    return year !== undefined;
  }
  if (typeof value !== "string") return false;
  switch (type) {
    case "java.time.LocalDate": {
      const d = parseDate(value);
      // PojoUtils.generalize sends LocalDate/LocalTime/LocalDateTime as their toString().
      if (d && generic) out.writeString(formatLocalDate(d));
      else if (d) date(out, d);
      return d !== undefined;
    }
    case "java.time.LocalTime": {
      const t = parseTime(value);
      if (t && generic) out.writeString(javaLocalTimeString(t));
      else if (t) time(out, t);
      return t !== undefined;
    }
    case "java.time.LocalDateTime": {
      const v = parseDateTime(value);
      if (v && generic)
        out.writeString(`${formatLocalDate(v.date)}T${javaLocalTimeString(v.time)}`);
      else if (v) dateTime(out, v);
      return v !== undefined;
    }
    case "java.time.Duration": {
      const v = parseDuration(value);
      if (v) secondsNanos(out, HANDLE.duration, v);
      return v !== undefined;
    }
    case "java.time.ZoneOffset": {
      const v = parseZoneOffset(value);
      if (v !== undefined) offset(out, v);
      return v !== undefined;
    }
    case "java.time.ZoneId": {
      // A ZoneOffset is a ZoneId: ZoneOffsetHandle; a region: ZoneIdSerializer's ZoneIdHandle.
      const v = parseZoneOffset(value);
      if (v !== undefined) offset(out, v);
      else if (isZoneRegionId(value)) {
        out.skipRef();
        out.writeObjectBegin(HANDLE.zoneId.name, HANDLE.zoneId.fields);
        out.writeString(value);
      }
      return v !== undefined || isZoneRegionId(value);
    }
    case "java.time.OffsetTime": {
      const v = parseOffsetTime(value);
      if (!v) return false;
      out.skipRef();
      out.writeObjectBegin(HANDLE.offsetTime.name, HANDLE.offsetTime.fields);
      offset(out, v.offset);
      time(out, v.time);
      return true;
    }
    case "java.time.OffsetDateTime": {
      const v = parseOffsetDateTime(value);
      if (!v) return false;
      out.skipRef();
      out.writeObjectBegin(HANDLE.offsetDateTime.name, HANDLE.offsetDateTime.fields);
      offset(out, v.offset);
      dateTime(out, v);
      return true;
    }
    case "java.time.ZonedDateTime": {
      const v = parseZonedDateTime(value);
      if (!v) return false;
      out.skipRef();
      out.writeObjectBegin(HANDLE.zonedDateTime.name, HANDLE.zonedDateTime.fields);
      offset(out, v.offset);
      dateTime(out, v);
      out.writeString(v.zoneId);
      return true;
    }
    case "java.time.Period": {
      const p: PeriodFields | undefined = parsePeriod(value);
      if (p) ints(out, HANDLE.period, [p.days, p.months, p.years]);
      return p !== undefined;
    }
    case "java.time.YearMonth": {
      const v = parseYearMonth(value);
      if (v) ints(out, HANDLE.yearMonth, [v.month, v.year]);
      return v !== undefined;
    }
    case "java.time.MonthDay": {
      const v = parseMonthDay(value);
      if (v) ints(out, HANDLE.monthDay, [v.day, v.month]);
      return v !== undefined;
    }
  }
  return false;
}

/**
 * Writes `value` as the java.time type `type` (one of `JAVA_TIME_TYPES`) exactly as hessian-lite
 * does. With `generic` (a generic call's result), LocalDate/LocalTime/LocalDateTime are their
 * `toString()` text, as `PojoUtils.generalize` makes them; the other types stay handles (Java
 * generalizes them as bean maps, which is not reproduced). A value that does not fit is a `type`
 * error naming `what` and the accepted form; nothing is written then.
 */
export function writeJavaTime(
  out: HessianWriter,
  type: string,
  value: unknown,
  what: string,
  generic: boolean,
): void {
  // The same text written again in this body (a record's createTime and updateTime, the records
  // of a page made in the same millisecond) is the same handle bytes: copied, with the reference
  // numbers its handles take. Only handles written after their class definitions are copied.
  const reusable = !generic && typeof value === "string";
  let last = reusable ? out.written : undefined;
  while (last !== undefined && last.type !== type) last = last.next;
  if (last !== undefined && last.value === value) {
    out.repeat(last.start, last.end, last.refs);
    return;
  }
  const start = out.length;
  const classes = out.classCount;
  const refs = out.refCount;
  if (!write(out, type, value, generic)) {
    throw HessianError.type(`${what}: expected ${FORMS[type] ?? "a value"} for ${type}`);
  }
  if (!reusable || out.classCount !== classes) return;
  const end = out.length;
  if (last !== undefined) {
    last.value = value as string;
    last.start = start;
    last.end = end;
    last.refs = out.refCount - refs;
  } else {
    out.written = {
      type,
      next: out.written,
      value: value as string,
      start,
      end,
      refs: out.refCount - refs,
    };
  }
}
