import {
  type LocalDateFields,
  type LocalTimeFields,
  parseLocalDateTime,
  parseLocalTime,
} from "./java-time-text.js";

/**
 * The text of java.time values with an offset or a zone, as Java's `toString()` writes them (with
 * the date-time and time parts of java-time-text.ts: seconds always present):
 * ZoneOffset `Z`, `+08:00`, `+05:30:15`; ZoneId `Europe/Paris` (or an offset);
 * OffsetTime `10:15:30+08:00`; OffsetDateTime `2024-05-01T10:15:30Z`;
 * ZonedDateTime `2024-05-01T10:15:30+08:00[Asia/Shanghai]` (no `[zone]` when the zone is the offset).
 */

/** ZoneOffset.MAX_SECONDS: ±18:00. */
const MAX_OFFSET_SECONDS = 18 * 3600;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** True for the total seconds `ZoneOffset.ofTotalSeconds` accepts. */
export function isValidOffset(seconds: number): boolean {
  return Number.isInteger(seconds) && Math.abs(seconds) <= MAX_OFFSET_SECONDS;
}

/** `ZoneOffset.getId()`: `Z`, `±HH:MM`, `±HH:MM:SS`. */
export function formatZoneOffset(seconds: number): string {
  if (seconds === 0) return "Z";
  const abs = Math.abs(seconds);
  const s = abs % 60;
  const text = `${seconds < 0 ? "-" : "+"}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor(abs / 60) % 60)}`;
  return s === 0 ? text : `${text}:${pad2(s)}`;
}

const OFFSET = /^(?:Z|([+-])(\d$|\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)$/;

/** Parses what `ZoneOffset.of` accepts (`Z`, `±H`, `±HH`, `±HH:MM`, `±HHMM`, `±HH:MM:SS`); total seconds. */
export function parseZoneOffset(text: string): number | undefined {
  const m = OFFSET.exec(text);
  if (!m) return undefined;
  if (m[1] === undefined) return 0;
  const [h, mi, s] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 18 || mi > 59 || s > 59) return undefined;
  const seconds = (m[1] === "-" ? -1 : 1) * (h * 3600 + mi * 60 + s);
  return isValidOffset(seconds) ? seconds : undefined;
}

/**
 * A region id `ZoneId.of` accepts: `ZoneRegion.checkName`'s syntax (`Europe/Paris`, `UTC`), or a
 * `UTC`/`GMT`/`UT` prefix with an offset (`UTC+08:00`, what `ZoneId.of("UTC+8")` is named).
 * Whether the region exists is the peer's tz database's business.
 */
export function isZoneRegionId(text: string): boolean {
  const prefixed = /^(?:UTC|GMT|UT)([+-].*)$/.exec(text);
  if (prefixed) return parseZoneOffset(prefixed[1]!) !== undefined;
  return /^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(text);
}

/** Splits `<head><offset>` where the offset is `Z` or starts with the last `+`/`-`. */
function splitOffset(text: string): [string, number] | undefined {
  let at = text.length - 1;
  if (text[at] !== "Z") {
    at = Math.max(text.lastIndexOf("+"), text.lastIndexOf("-"));
    if (at < 0) return undefined;
  }
  const offset = parseZoneOffset(text.slice(at));
  return offset === undefined ? undefined : [text.slice(0, at), offset];
}

export interface OffsetTimeFields {
  readonly time: LocalTimeFields;
  readonly offset: number;
}

export interface OffsetDateTimeFields {
  readonly date: LocalDateFields;
  readonly time: LocalTimeFields;
  readonly offset: number;
}

export interface ZonedDateTimeFields extends OffsetDateTimeFields {
  /** `ZoneId.getId()`: a region (`Asia/Shanghai`) or the offset's id. */
  readonly zoneId: string;
}

/** Parses `HH:mm[:ss[.f]]` + offset. */
export function parseOffsetTime(text: string): OffsetTimeFields | undefined {
  const parts = splitOffset(text);
  const time = parts && parseLocalTime(parts[0]);
  return parts && time ? { time, offset: parts[1] } : undefined;
}

/** Parses `<date>T<time>` + offset. */
export function parseOffsetDateTime(text: string): OffsetDateTimeFields | undefined {
  const parts = splitOffset(text);
  // The date may start with a sign: only an offset after the `T` counts.
  if (!parts?.[0].includes("T")) return undefined;
  const local = parseLocalDateTime(parts[0]);
  return local ? { ...local, offset: parts[1] } : undefined;
}

/** Parses `<date>T<time><offset>[<zone>]`; without `[zone]` the zone is the offset. */
export function parseZonedDateTime(text: string): ZonedDateTimeFields | undefined {
  const m = /^(.*?)(?:\[([^\]]+)\])?$/.exec(text);
  const odt = m && parseOffsetDateTime(m[1]!);
  if (!odt) return undefined;
  const zone = m![2];
  if (zone === undefined) return { ...odt, zoneId: formatZoneOffset(odt.offset) };
  const zoneOffset = parseZoneOffset(zone);
  if (zoneOffset !== undefined) {
    // An offset zone must be the offset itself (ZonedDateTime.ofLocal would move it otherwise).
    return zoneOffset === odt.offset ? { ...odt, zoneId: formatZoneOffset(zoneOffset) } : undefined;
  }
  return isZoneRegionId(zone) ? { ...odt, zoneId: zone } : undefined;
}
