/**
 * The text form of java.time values on the JS side (ISO-8601, the text Java's `toString()` writes):
 * pure calendar arithmetic and parsing, no hessian. Field values are Java's
 * (`LocalDate.getYear()`, `Instant.getEpochSecond()`…); nothing here depends on the host time zone.
 *
 * - LocalDate `2024-05-01` (years outside 0000–9999 as Java writes them: `-0005-12-31`, `+10000-01-01`);
 * - LocalTime `10:15:30`, `10:15:30.123`, `10:15:30.123456`, `10:15:30.123456789`: seconds always
 *   present (Java's `toString()` drops `:00`; here a time always has the same shape), the fraction in
 *   groups of 3 digits and only when non-zero, as Java writes it;
 * - LocalDateTime: date `T` time;
 * - Instant `2024-05-01T10:15:30Z`: exactly `Instant.toString()` (UTC, seconds always, fraction in
 *   groups of 3);
 * - Duration `PT25H0.001S`, `PT-1M-29.5S`, `PT0S`: exactly `Duration.toString()`.
 */

export interface LocalDateFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalTimeFields {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nano: number;
}

/** Seconds and nanos (0..999,999,999) as Java's Instant and Duration hold them. */
export interface SecondsAndNanos {
  readonly seconds: bigint;
  readonly nanos: number;
}

/** LocalDate.MIN/MAX years (`Year.MIN_VALUE`, `Year.MAX_VALUE`). */
export const MAX_YEAR = 999_999_999;
/** Instant.MIN / Instant.MAX epoch seconds. */
const INSTANT_MIN = -31557014167219200n;
const INSTANT_MAX = 31556889864403199n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const NANOS_PER_SECOND = 1_000_000_000n;

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function monthLength(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isInt(v: number, min: number, max: number): boolean {
  return Number.isInteger(v) && v >= min && v <= max;
}

/**
 * True when Java's `LocalDate.of(year, month, day)` accepts the fields (`maxYear`: an Instant's
 * dates reach one year further than a LocalDate's).
 */
export function isValidDate(d: LocalDateFields, maxYear = MAX_YEAR): boolean {
  return (
    isInt(d.year, -maxYear, maxYear) &&
    isInt(d.month, 1, 12) &&
    isInt(d.day, 1, monthLength(d.year, d.month))
  );
}

/** True when Java's `LocalTime.of(hour, minute, second, nano)` accepts the fields. */
export function isValidTime(t: LocalTimeFields): boolean {
  return (
    isInt(t.hour, 0, 23) &&
    isInt(t.minute, 0, 59) &&
    isInt(t.second, 0, 59) &&
    isInt(t.nano, 0, 999_999_999)
  );
}

/** Days since 1970-01-01 (Java's `toEpochDay()`); H. Hinnant's days_from_civil. */
export function toEpochDay(d: LocalDateFields): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `epochDay` days after 1970-01-01 (Java's `LocalDate.ofEpochDay`); civil_from_days. */
export function fromEpochDay(epochDay: number): LocalDateFields {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `LocalDate.toString()`: 4-digit years, a sign below 0 and above 9999. */
export function formatLocalDate(d: LocalDateFields): string {
  const abs = Math.abs(d.year);
  const year =
    abs < 1000 ? (d.year < 0 ? "-" : "") + pad(abs, 4) : (d.year > 9999 ? "+" : "") + d.year;
  return `${year}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** The fraction Java's `toString()` writes for a nano-of-second: none, 3, 6 or 9 digits. */
function fraction(nano: number): string {
  if (nano === 0) return "";
  if (nano % 1_000_000 === 0) return `.${pad(nano / 1_000_000, 3)}`;
  if (nano % 1000 === 0) return `.${pad(nano / 1000, 6)}`;
  return `.${pad(nano, 9)}`;
}

/** `HH:mm:ss` plus the fraction when the nano is non-zero. */
export function formatLocalTime(t: LocalTimeFields): string {
  return `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${fraction(t.nano)}`;
}

/**
 * Java's `toString()` of a LocalTime: like `formatLocalTime` but without `:00` when the seconds and
 * nanos are zero (what `PojoUtils.generalize` sends for a generic call).
 */
export function javaLocalTimeString(t: LocalTimeFields): string {
  const full = formatLocalTime(t);
  return t.second === 0 && t.nano === 0 ? full.slice(0, 5) : full;
}

/** `Instant.toString()` (ISO_INSTANT): the UTC date-time, seconds always, then `Z`. */
export function formatInstant(v: SecondsAndNanos): string {
  const days = v.seconds / 86400n - (v.seconds % 86400n < 0n ? 1n : 0n);
  const secOfDay = Number(v.seconds - days * 86400n);
  const date = fromEpochDay(Number(days));
  const time = {
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    nano: v.nanos,
  };
  return `${formatLocalDate(date)}T${formatLocalTime(time)}Z`;
}

/** `Duration.toString()`: `PT` hours `H` minutes `M` seconds `S`, each signed, `PT0S` for zero. */
export function formatDuration(v: SecondsAndNanos): string {
  const { seconds, nanos } = v;
  if (seconds === 0n && nanos === 0) return "PT0S";
  // Java: a negative duration with nanos is seconds+1 and the fraction 1e9-nanos, shown as negative.
  const effective = seconds < 0n && nanos > 0 ? seconds + 1n : seconds;
  const hours = effective / 3600n;
  const minutes = (effective % 3600n) / 60n;
  const secs = effective % 60n;
  let out = "PT";
  if (hours !== 0n) out += `${hours}H`;
  if (minutes !== 0n) out += `${minutes}M`;
  if (secs === 0n && nanos === 0 && out.length > 2) return out;
  out += seconds < 0n && nanos > 0 && secs === 0n ? "-0" : String(secs);
  if (nanos > 0) {
    const digits = String(seconds < 0n ? 1_000_000_000 - nanos : nanos).padStart(9, "0");
    out += `.${digits.replace(/0+$/, "")}`;
  }
  return `${out}S`;
}

const DATE = /^(\d{4}|[+-]\d{4,10})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** Parses `[+-]YYYY-MM-DD` (4 digits, or a sign and more digits); undefined when invalid. */
export function parseLocalDate(text: string, maxYear = MAX_YEAR): LocalDateFields | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d, maxYear) ? d : undefined;
}

/** Parses `HH:mm`, `HH:mm:ss` or `HH:mm:ss.f` (1–9 fraction digits); undefined when invalid. */
export function parseLocalTime(text: string): LocalTimeFields | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const t = {
    hour: Number(m[1]),
    minute: Number(m[2]),
    second: m[3] === undefined ? 0 : Number(m[3]),
    nano: m[4] === undefined ? 0 : Number(m[4].padEnd(9, "0")),
  };
  return isValidTime(t) ? t : undefined;
}

/** Parses `<date>T<time>`; undefined when invalid. */
export function parseLocalDateTime(
  text: string,
  maxYear = MAX_YEAR,
): { date: LocalDateFields; time: LocalTimeFields } | undefined {
  const at = text.indexOf("T");
  if (at < 0) return undefined;
  const date = parseLocalDate(text.slice(0, at), maxYear);
  const time = parseLocalTime(text.slice(at + 1));
  return date && time ? { date, time } : undefined;
}

/** Seconds since the epoch of a UTC date and time. */
function epochSeconds(date: LocalDateFields, time: LocalTimeFields): bigint {
  return (
    BigInt(toEpochDay(date)) * 86400n + BigInt(time.hour * 3600 + time.minute * 60 + time.second)
  );
}

/**
 * Parses an instant: `<date>T<time>` followed by `Z` or an offset `±HH:MM` (what `Instant.parse`
 * and `Date.toISOString()` write); undefined when invalid or outside Instant's range.
 */
export function parseInstant(text: string): SecondsAndNanos | undefined {
  const m = /^(.*T.*?)(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const local = parseLocalDateTime(m[1]!, MAX_YEAR + 1);
  if (!local) return undefined;
  let offset = 0;
  if (m[2] !== "Z") {
    const hours = Number(m[2]!.slice(1, 3));
    const minutes = Number(m[2]!.slice(4, 6));
    if (hours > 18 || minutes > 59) return undefined;
    offset = (m[2]![0] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60);
  }
  const seconds = epochSeconds(local.date, local.time) - BigInt(offset);
  if (seconds < INSTANT_MIN || seconds > INSTANT_MAX) return undefined;
  return { seconds, nanos: local.time.nano };
}

/** True when the seconds and nanos make a valid Java Instant. */
export function isValidInstant(v: SecondsAndNanos): boolean {
  return isInt(v.nanos, 0, 999_999_999) && v.seconds >= INSTANT_MIN && v.seconds <= INSTANT_MAX;
}

/** True when the seconds and nanos make a valid Java Duration. */
export function isValidDuration(v: SecondsAndNanos): boolean {
  return isInt(v.nanos, 0, 999_999_999) && v.seconds >= LONG_MIN && v.seconds <= LONG_MAX;
}

const DURATION =
  /^([-+]?)P(?:([-+]?\d+)D)?(T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

/**
 * Parses the text `Duration.parse` accepts (`PT8H6M12.345S`, `P2DT3H`, `-PT6H`, `PT-0.5S`);
 * undefined when invalid or beyond a Java Duration's range.
 */
export function parseDuration(text: string): SecondsAndNanos | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, sign, days, t, hours, minutes, secs, frac] = m;
  if (t === "T" || (days === undefined && t === undefined)) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0n : BigInt(s));
  let nanos = (n(days) * 86400n + n(hours) * 3600n + n(minutes) * 60n + n(secs)) * NANOS_PER_SECOND;
  if (frac !== undefined && frac !== "") {
    const f = BigInt(frac.padEnd(9, "0"));
    nanos += secs?.startsWith("-") ? -f : f;
  }
  if (sign === "-") nanos = -nanos;
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos % NANOS_PER_SECOND;
  if (rest < 0n) {
    rest += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const v = { seconds, nanos: Number(rest) };
  return isValidDuration(v) ? v : undefined;
}
