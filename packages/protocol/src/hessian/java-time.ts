import { HessianError } from "./hessian-error.js";
import {
  formatDuration,
  formatInstant,
  formatLocalDate,
  formatLocalTime,
  fromEpochDay,
  isValidDate,
  isValidDuration,
  isValidInstant,
  isValidTime,
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
import type { HessianWriter } from "./writer.js";

/**
 * java.time values on the hessian wire, as hessian-lite writes them (3.2.13 in Dubbo 2.7.23,
 * 4.0.4 in Dubbo 3.3.6, byte-identical): not the java.time object itself but a
 * `com.alibaba.com.caucho.hessian.io.java8.*Handle` (Java8TimeSerializer / LocalDateSerializer…:
 * `out.writeObject(new LocalDateHandle(date))`) whose `readResolve()` rebuilds the value on read.
 * Handles are ordinary objects: a class definition with the handle's fields in hessian's order
 * (java.lang fields first, then others, reversed), each handle takes a reference number, and a
 * repeated value is written again (a new handle each time, never a back-reference).
 *
 * JS side: ISO-8601 strings (java-time-text.ts), one shape per Java type whatever the value.
 */

const HANDLES = "com.alibaba.com.caucho.hessian.io.java8.";
const LOCAL_DATE_HANDLE = `${HANDLES}LocalDateHandle`;
const LOCAL_TIME_HANDLE = `${HANDLES}LocalTimeHandle`;
const LOCAL_DATE_TIME_HANDLE = `${HANDLES}LocalDateTimeHandle`;
const INSTANT_HANDLE = `${HANDLES}InstantHandle`;
const DURATION_HANDLE = `${HANDLES}DurationHandle`;

// Field order as hessian-lite writes it (UnsafeSerializer/JavaSerializer.introspect, reversed).
const LOCAL_DATE_FIELDS = ["day", "month", "year"]; // int year, month, day
const LOCAL_TIME_FIELDS = ["nano", "second", "minute", "hour"]; // int hour, minute, second, nano
const LOCAL_DATE_TIME_FIELDS = ["time", "date"]; // LocalDate date, LocalTime time (both compound)
const SECONDS_NANOS_FIELDS = ["nanos", "seconds"]; // long seconds, int nanos

/** The java.time types written and read here (others decode as plain tagged objects). */
export const JAVA_TIME_TYPES: ReadonlySet<string> = new Set([
  "java.time.LocalDate",
  "java.time.LocalTime",
  "java.time.LocalDateTime",
  "java.time.Instant",
  "java.time.Duration",
]);

/**
 * A class that hessian-lite replaces on read with another value (a handle's `readResolve()`, a
 * deserializer of its own): `resolve` gets the fields as read and returns the JS value, or
 * `undefined` when they make no valid value (Java's `readResolve` would answer null; the reader
 * reports a malformed body instead). `compact` marks hessian-lite 4's compact classes that hold
 * one long whatever their declared fields (LocalDateDeserializer: `in.readLong()`), read as `value`.
 */
export interface ValueClass {
  readonly resolve: (fields: Record<string, unknown>) => unknown;
  readonly compact?: boolean;
}

type Fields = Record<string, unknown>;

function int(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint" && v >= -0x80000000n && v <= 0x7fffffffn) return Number(v);
  return undefined;
}

/** Long fields of handles are read as bigint (Instant/Duration seconds exceed 2^53). */
function long(v: unknown): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  return undefined;
}

function dateText(f: Fields): string | undefined {
  const [year, month, day] = [int(f.year), int(f.month), int(f.day)];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const d = { year, month, day };
  return isValidDate(d) ? formatLocalDate(d) : undefined;
}

function timeText(f: Fields): string | undefined {
  const [hour, minute, second, nano] = [int(f.hour), int(f.minute), int(f.second), int(f.nano)];
  if (hour === undefined || minute === undefined || second === undefined || nano === undefined)
    return undefined;
  const t = { hour, minute, second, nano };
  return isValidTime(t) ? formatLocalTime(t) : undefined;
}

/** LocalDateTimeHandle: its nested handles were already resolved to text; checked all the same. */
function dateTimeText(f: Fields): string | undefined {
  const { date, time } = f;
  if (typeof date !== "string" || typeof time !== "string") return undefined;
  return parseLocalDate(date) && parseLocalTime(time) ? `${date}T${time}` : undefined;
}

function secondsAndNanos(f: Fields): SecondsAndNanos | undefined {
  const seconds = long(f.seconds);
  const nanos = int(f.nanos);
  return seconds === undefined || nanos === undefined ? undefined : { seconds, nanos };
}

/** LocalDate.ofEpochDay / LocalTime.ofNanoOfDay bounds (LocalDate.MIN..MAX, one day of nanos). */
const MIN_EPOCH_DAY = -365243219162n;
const MAX_EPOCH_DAY = 365241780471n;
const NANOS_PER_DAY = 86_400_000_000_000n;

function epochDayText(v: unknown): string | undefined {
  const day = long(v);
  if (day === undefined || day < MIN_EPOCH_DAY || day > MAX_EPOCH_DAY) return undefined;
  return formatLocalDate(fromEpochDay(Number(day)));
}

function nanoOfDayText(v: unknown): string | undefined {
  const n = long(v);
  if (n === undefined || n < 0n || n >= NANOS_PER_DAY) return undefined;
  const secs = Number(n / 1_000_000_000n);
  return formatLocalTime({
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    nano: Number(n % 1_000_000_000n),
  });
}

/** Handle classes (both hessian-lite lines) and hessian-lite 4's compact classes, by wire name. */
export const JAVA_TIME_CLASSES: ReadonlyMap<string, ValueClass> = new Map<string, ValueClass>([
  [LOCAL_DATE_HANDLE, { resolve: dateText }],
  [LOCAL_TIME_HANDLE, { resolve: timeText }],
  [LOCAL_DATE_TIME_HANDLE, { resolve: dateTimeText }],
  [
    INSTANT_HANDLE,
    {
      resolve: (f) => {
        const v = secondsAndNanos(f);
        return v && isValidInstant(v) ? formatInstant(v) : undefined;
      },
    },
  ],
  [
    DURATION_HANDLE,
    {
      resolve: (f) => {
        const v = secondsAndNanos(f);
        return v && isValidDuration(v) ? formatDuration(v) : undefined;
      },
    },
  ],
  // hessian-lite 4.0.4+ with -Dcom.caucho.hessian.io.java.time.serializer.compactMode=true.
  ["java.time.LocalDate", { compact: true, resolve: (f) => epochDayText(f.value) }],
  ["java.time.LocalTime", { compact: true, resolve: (f) => nanoOfDayText(f.value) }],
  [
    "java.time.LocalDateTime",
    {
      // LocalDateTimeDeserializer: fields "date" (epoch day) and "time" (nano of day), both longs.
      resolve: (f) => {
        const date = epochDayText(f.date);
        const time = nanoOfDayText(f.time);
        return date && time ? `${date}T${time}` : undefined;
      },
    },
  ],
]);

function expected(what: string, type: string, form: string): HessianError {
  return HessianError.type(`${what}: expected ${form} for ${type}`);
}

function toLocalDate(value: unknown, what: string): LocalDateFields {
  const d = typeof value === "string" ? parseLocalDate(value) : undefined;
  if (!d) throw expected(what, "java.time.LocalDate", 'a valid "YYYY-MM-DD" string');
  return d;
}

function toLocalTime(value: unknown, what: string): LocalTimeFields {
  const t = typeof value === "string" ? parseLocalTime(value) : undefined;
  if (!t) throw expected(what, "java.time.LocalTime", 'a valid "HH:mm:ss[.fffffffff]" string');
  return t;
}

function toLocalDateTime(
  value: unknown,
  what: string,
): { date: LocalDateFields; time: LocalTimeFields } {
  const v = typeof value === "string" ? parseLocalDateTime(value) : undefined;
  if (!v)
    throw expected(what, "java.time.LocalDateTime", 'a valid "YYYY-MM-DDTHH:mm:ss[.f]" string');
  return v;
}

function toInstant(value: unknown, what: string): SecondsAndNanos {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw expected(what, "java.time.Instant", "a valid Date");
    const seconds = Math.floor(ms / 1000);
    return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
  }
  const v = typeof value === "string" ? parseInstant(value) : undefined;
  if (!v) throw expected(what, "java.time.Instant", 'a Date or an ISO-8601 "…Z" string');
  return v;
}

function toDuration(value: unknown, what: string): SecondsAndNanos {
  const v = typeof value === "string" ? parseDuration(value) : undefined;
  if (!v) throw expected(what, "java.time.Duration", 'an ISO-8601 duration string ("PT1.5S")');
  return v;
}

// Each handle is a new Java object that Hessian2Output.addRef numbers (and never meets again).
function writeDateHandle(out: HessianWriter, d: LocalDateFields): void {
  out.skipRef();
  out.writeObjectBegin(LOCAL_DATE_HANDLE, LOCAL_DATE_FIELDS);
  out.writeInt(d.day);
  out.writeInt(d.month);
  out.writeInt(d.year);
}

function writeTimeHandle(out: HessianWriter, t: LocalTimeFields): void {
  out.skipRef();
  out.writeObjectBegin(LOCAL_TIME_HANDLE, LOCAL_TIME_FIELDS);
  out.writeInt(t.nano);
  out.writeInt(t.second);
  out.writeInt(t.minute);
  out.writeInt(t.hour);
}

function writeSecondsNanos(out: HessianWriter, handle: string, v: SecondsAndNanos): void {
  out.skipRef();
  out.writeObjectBegin(handle, SECONDS_NANOS_FIELDS);
  out.writeInt(v.nanos);
  out.writeLong(v.seconds);
}

/**
 * Writes `value` as the java.time type `type` (one of `JAVA_TIME_TYPES`) exactly as hessian-lite
 * does. With `generic`, LocalDate/LocalTime/LocalDateTime are their `toString()` text, as
 * `PojoUtils.generalize` makes them for a generic call's result; Instant and Duration stay handles.
 * A value of the wrong shape is a `type` error naming `what`.
 */
export function writeJavaTime(
  out: HessianWriter,
  type: string,
  value: unknown,
  what: string,
  generic: boolean,
): void {
  switch (type) {
    case "java.time.LocalDate": {
      const d = toLocalDate(value, what);
      if (generic) out.writeString(formatLocalDate(d));
      else writeDateHandle(out, d);
      return;
    }
    case "java.time.LocalTime": {
      const t = toLocalTime(value, what);
      if (generic) out.writeString(javaLocalTimeString(t));
      else writeTimeHandle(out, t);
      return;
    }
    case "java.time.LocalDateTime": {
      const { date, time } = toLocalDateTime(value, what);
      if (generic) {
        out.writeString(`${formatLocalDate(date)}T${javaLocalTimeString(time)}`);
        return;
      }
      out.skipRef();
      out.writeObjectBegin(LOCAL_DATE_TIME_HANDLE, LOCAL_DATE_TIME_FIELDS);
      writeTimeHandle(out, time);
      writeDateHandle(out, date);
      return;
    }
    case "java.time.Instant":
      writeSecondsNanos(out, INSTANT_HANDLE, toInstant(value, what));
      return;
    case "java.time.Duration":
      writeSecondsNanos(out, DURATION_HANDLE, toDuration(value, what));
      return;
  }
  throw HessianError.type(`${what}: ${type} is not a supported java.time type`);
}
