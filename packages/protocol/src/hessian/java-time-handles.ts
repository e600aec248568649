import {
  formatMonthDay,
  formatPeriod,
  formatYearMonth,
  isValidMonthDay,
  isValidPeriod,
  isValidYear,
} from "./java-time-period-text.js";
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
  parseLocalDate,
  parseLocalDateTime,
  parseLocalTime,
  type SecondsAndNanos,
} from "./java-time-text.js";
import {
  formatZoneOffset,
  isValidOffset,
  isZoneRegionId,
  parseZoneOffset,
} from "./java-time-zone-text.js";
import { cachedParse, KeyedTexts, RecentValues } from "./recent-values.js";

/**
 * hessian-lite's java.time handles (3.2.13 in Dubbo 2.7.23, 4.0.4 in Dubbo 3.3.6, byte-identical):
 * Java writes not the java.time object but a `com.alibaba.com.caucho.hessian.io.java8.*Handle`
 * (`out.writeObject(new LocalDateHandle(date))`) whose `readResolve()` rebuilds the value on read.
 * Handles are ordinary objects: a class definition with the handle's fields in hessian's order
 * (UnsafeSerializer/JavaSerializer.introspect: java.lang fields first, then the others, reversed),
 * each handle takes a reference number, and a repeated value is a new handle (never a
 * back-reference). This file is the read side: handle class → JS text (java-time*-text.ts).
 */

const HANDLES = "com.alibaba.com.caucho.hessian.io.java8.";

/** Handle class names and their fields in wire order (the Java declaration in the comment). */
export const HANDLE = {
  localDate: { name: `${HANDLES}LocalDateHandle`, fields: ["day", "month", "year"] }, // int year, month, day
  localTime: {
    name: `${HANDLES}LocalTimeHandle`,
    fields: ["nano", "second", "minute", "hour"], // int hour, minute, second, nano
  },
  localDateTime: { name: `${HANDLES}LocalDateTimeHandle`, fields: ["time", "date"] }, // LocalDate date; LocalTime time
  instant: { name: `${HANDLES}InstantHandle`, fields: ["nanos", "seconds"] }, // long seconds; int nanos
  duration: { name: `${HANDLES}DurationHandle`, fields: ["nanos", "seconds"] }, // long seconds; int nanos
  zoneOffset: { name: `${HANDLES}ZoneOffsetHandle`, fields: ["seconds"] }, // int seconds
  zoneId: { name: `${HANDLES}ZoneIdHandle`, fields: ["zoneId"] }, // String zoneId
  offsetTime: { name: `${HANDLES}OffsetTimeHandle`, fields: ["zoneOffset", "localTime"] }, // LocalTime localTime; ZoneOffset zoneOffset
  offsetDateTime: { name: `${HANDLES}OffsetDateTimeHandle`, fields: ["offset", "dateTime"] }, // LocalDateTime dateTime; ZoneOffset offset
  zonedDateTime: {
    name: `${HANDLES}ZonedDateTimeHandle`,
    fields: ["offset", "dateTime", "zoneId"], // LocalDateTime dateTime; ZoneOffset offset; String zoneId
  },
  period: { name: `${HANDLES}PeriodHandle`, fields: ["days", "months", "years"] }, // int years, months, days
  year: { name: `${HANDLES}YearHandle`, fields: ["year"] }, // int year
  yearMonth: { name: `${HANDLES}YearMonthHandle`, fields: ["month", "year"] }, // int year, month
  monthDay: { name: `${HANDLES}MonthDayHandle`, fields: ["day", "month"] }, // int month, day
} as const;

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

function ints(f: Fields, names: readonly string[]): number[] | undefined {
  const out: number[] = [];
  for (const n of names) {
    const v = int(f[n]);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** A nested handle's text (already resolved), checked: the wire may put anything there. */
function text(v: unknown, valid: (s: string) => unknown): string | undefined {
  return typeof v === "string" && valid(v) !== undefined ? v : undefined;
}

/**
 * Resolved dates and times recur in a body (every user of a page created the same second), and
 * formatting or re-checking them was most of the decode time. Only valid values are cached; a key
 * identifies its fields exactly.
 */
const recentDates = new KeyedTexts();
const recentTimes = new KeyedTexts();
/**
 * The texts dateText and timeText returned last: valid by construction, so a LocalDateTimeHandle
 * whose nested handles were just resolved to them needs no second check of its fields' texts.
 */
let producedDate: string | undefined;
let producedTime: string | undefined;
/** A nested handle's date or time text, checked once (the wire may put any string there). */
const checkDateText = cachedParse(new RecentValues<string, unknown>(), parseLocalDate);
const checkTimeText = cachedParse(new RecentValues<string, unknown>(), parseLocalTime);

function dateText(f: Fields): string | undefined {
  const year = int(f.year);
  const month = int(f.month);
  const day = int(f.day);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  // Unique for month 1..12 and day 1..31 (years up to ±999,999,999 stay below 2^53).
  const key =
    month >= 1 && month <= 12 && day >= 1 && day <= 31 ? (year * 16 + month) * 32 + day : NaN;
  let text = recentDates.get(key);
  if (text === undefined) {
    const d = { year, month, day };
    if (!isValidDate(d)) return undefined;
    text = recentDates.put(key, formatLocalDate(d));
  }
  producedDate = text;
  return text;
}

function timeText(f: Fields): string | undefined {
  const hour = int(f.hour);
  const minute = int(f.minute);
  const second = int(f.second);
  const nano = int(f.nano);
  if (hour === undefined || minute === undefined || second === undefined || nano === undefined)
    return undefined;
  // Unique for valid fields (isValidTime's ranges); an invalid one is checked below, uncached.
  const key =
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59 &&
    nano >= 0 &&
    nano <= 999_999_999
      ? ((hour * 60 + minute) * 60 + second) * 1_000_000_000 + nano
      : NaN;
  let text = recentTimes.get(key);
  if (text === undefined) {
    const t = { hour, minute, second, nano };
    if (!isValidTime(t)) return undefined;
    text = recentTimes.put(key, formatLocalTime(t));
  }
  producedTime = text;
  return text;
}

/** The last date-time text built, by its time and date texts (createTime and updateTime agree). */
let lastTime: string | undefined;
let lastDate: string | undefined;
let lastDateTime = "";

function dateTimeText(f: Fields): string | undefined {
  const { date, time } = f;
  if (typeof date !== "string" || typeof time !== "string") return undefined;
  if (time !== lastTime || date !== lastDate) {
    // Texts other than the ones just resolved from handles are checked (the wire may put any
    // string there); lastTime and lastDate were checked when they were kept.
    if (date !== producedDate && (date === "" || checkDateText(date) === undefined))
      return undefined;
    if (time !== producedTime && (time === "" || checkTimeText(time) === undefined))
      return undefined;
    lastTime = time;
    lastDate = date;
    lastDateTime = `${date}T${time}`;
  }
  return lastDateTime;
}

function secondsAndNanos(f: Fields, valid: (v: SecondsAndNanos) => boolean) {
  const seconds = long(f.seconds);
  const nanos = int(f.nanos);
  const v = seconds === undefined || nanos === undefined ? undefined : { seconds, nanos };
  return v && valid(v) ? v : undefined;
}

function offsetText(f: Fields): string | undefined {
  const seconds = int(f.seconds);
  return seconds !== undefined && isValidOffset(seconds) ? formatZoneOffset(seconds) : undefined;
}

/** ZoneIdHandle: `ZoneId.of(zoneId)`, a region id (or an offset, normalized as ZoneOffset does). */
function zoneIdText(f: Fields): string | undefined {
  const id = f.zoneId;
  if (typeof id !== "string") return undefined;
  const offset = parseZoneOffset(id);
  if (offset !== undefined) return formatZoneOffset(offset);
  return isZoneRegionId(id) ? id : undefined;
}

/**
 * ZonedDateTimeHandle: `ZonedDateTime.ofLocal(dateTime, ZoneId.of(zoneId), offset)`, written as
 * `toString()` does (`[zone]` only when the zone is not the offset). When the zone is an offset
 * it is the offset (ofLocal ignores the preferred one); a region's rules are not applied here.
 */
function zonedText(f: Fields): string | undefined {
  const dateTime = text(f.dateTime, parseLocalDateTime);
  const offset = text(f.offset, parseZoneOffset);
  const zone = zoneIdText({ zoneId: f.zoneId });
  if (!dateTime || !offset || !zone) return undefined;
  if (parseZoneOffset(zone) !== undefined) return `${dateTime}${zone}`;
  return `${dateTime}${offset}[${zone}]`;
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

function instantText(f: Fields): string | undefined {
  const v = secondsAndNanos(f, isValidInstant);
  return v && formatInstant(v);
}

function durationText(f: Fields): string | undefined {
  const v = secondsAndNanos(f, isValidDuration);
  return v && formatDuration(v);
}

/** Handle classes (both hessian-lite lines) and hessian-lite 4's compact classes, by wire name. */
export const JAVA_TIME_CLASSES: ReadonlyMap<string, ValueClass> = new Map<string, ValueClass>([
  [HANDLE.localDate.name, { resolve: dateText }],
  [HANDLE.localTime.name, { resolve: timeText }],
  [HANDLE.localDateTime.name, { resolve: dateTimeText }],
  [HANDLE.instant.name, { resolve: instantText }],
  [HANDLE.duration.name, { resolve: durationText }],
  [HANDLE.zoneOffset.name, { resolve: offsetText }],
  [HANDLE.zoneId.name, { resolve: zoneIdText }],
  [
    HANDLE.offsetTime.name,
    {
      resolve: (f) => {
        const time = text(f.localTime, parseLocalTime);
        const offset = text(f.zoneOffset, parseZoneOffset);
        return time && offset ? `${time}${offset}` : undefined;
      },
    },
  ],
  [
    HANDLE.offsetDateTime.name,
    {
      resolve: (f) => {
        const dateTime = text(f.dateTime, parseLocalDateTime);
        const offset = text(f.offset, parseZoneOffset);
        return dateTime && offset ? `${dateTime}${offset}` : undefined;
      },
    },
  ],
  [HANDLE.zonedDateTime.name, { resolve: zonedText }],
  [
    HANDLE.period.name,
    {
      resolve: (f) => {
        const v = ints(f, ["years", "months", "days"]);
        const p = v && { years: v[0]!, months: v[1]!, days: v[2]! };
        return p && isValidPeriod(p) ? formatPeriod(p) : undefined;
      },
    },
  ],
  [
    HANDLE.year.name,
    {
      resolve: (f) => {
        const year = int(f.year);
        return year !== undefined && isValidYear(year) ? String(year) : undefined;
      },
    },
  ],
  [
    HANDLE.yearMonth.name,
    {
      resolve: (f) => {
        const [year, month] = ints(f, ["year", "month"]) ?? [];
        return year !== undefined &&
          month !== undefined &&
          isValidYear(year) &&
          month >= 1 &&
          month <= 12
          ? formatYearMonth(year, month)
          : undefined;
      },
    },
  ],
  [
    HANDLE.monthDay.name,
    {
      resolve: (f) => {
        const [month, day] = ints(f, ["month", "day"]) ?? [];
        return month !== undefined && day !== undefined && isValidMonthDay(month, day)
          ? formatMonthDay(month, day)
          : undefined;
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
