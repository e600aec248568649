/**
 * `java.util.Properties` text format, the format of Java Dubbo's registry cache file
 * (`AbstractRegistry.saveProperties` → `Properties.store(out, "Dubbo Registry Cache")`). Pure
 * functions, no I/O.
 */

function escapeText(text: string, isKey: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = text.charCodeAt(i);
    switch (c) {
      case " ":
        // Properties.saveConvert: every space of a key, only a leading space of a value.
        out += isKey || i === 0 ? "\\ " : " ";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\\":
      case "=":
      case ":":
      case "#":
      case "!":
        out += `\\${c}`;
        break;
      default:
        out +=
          code < 0x20 || code > 0x7e ? `\\u${code.toString(16).toUpperCase().padStart(4, "0")}` : c;
    }
  }
  return out;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `java.util.Date.toString()` in UTC: `Mon Jan 01 00:00:00 UTC 2024`. */
function javaDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${p(date.getUTCDate())} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * Writes `#<comment>`, `#<date>` and one `key=value` line per entry, keys sorted (Java writes
 * hash order; sorting keeps the file diffable), escaped as `Properties.store(OutputStream)` does.
 */
export function storeProperties(
  entries: ReadonlyMap<string, string>,
  comment: string,
  date = new Date(),
): string {
  const lines = [`#${comment}`, `#${javaDate(date)}`];
  for (const key of [...entries.keys()].sort()) {
    lines.push(`${escapeText(key, true)}=${escapeText(entries.get(key)!, false)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Joins continuation lines (an odd number of trailing backslashes) into logical lines. */
function logicalLines(text: string): string[] {
  const physical = text.split(/\r\n|\r|\n/);
  const result: string[] = [];
  let current: string | undefined;
  for (const raw of physical) {
    // Leading whitespace is dropped from every line, continuation lines included.
    const line = raw.replace(/^[ \t\f]+/, "");
    if (current === undefined && (line === "" || line.startsWith("#") || line.startsWith("!"))) {
      continue;
    }
    const trailing = /\\*$/.exec(line)![0].length;
    const joined = (current ?? "") + (trailing % 2 === 1 ? line.slice(0, -1) : line);
    if (trailing % 2 === 1) {
      current = joined;
    } else {
      result.push(joined);
      current = undefined;
    }
  }
  if (current !== undefined) result.push(current);
  return result;
}

function unescapeText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\" || i === text.length - 1) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    if (n === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new TypeError(`malformed \\uXXXX escape: \\u${hex}`);
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      out += { t: "\t", n: "\n", r: "\r", f: "\f" }[n] ?? n;
    }
  }
  return out;
}

/**
 * Reads `Properties.load` text: `#`/`!` comments, `key=value`, `key:value` or `key value`,
 * backslash escapes and `\uXXXX`, continuation lines. Throws a TypeError on a malformed `\u`.
 */
export function loadProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of logicalLines(text)) {
    let i = 0;
    let keyEnd = line.length;
    let valueStart = line.length;
    for (; i < line.length; i++) {
      const c = line[i];
      if (c === "\\") {
        i++;
        continue;
      }
      if (c === "=" || c === ":" || c === " " || c === "\t" || c === "\f") {
        keyEnd = i;
        let j = i;
        while (j < line.length && /[ \t\f]/.test(line[j]!)) j++;
        if (j < line.length && (line[j] === "=" || line[j] === ":")) j++;
        while (j < line.length && /[ \t\f]/.test(line[j]!)) j++;
        valueStart = j;
        break;
      }
    }
    result.set(unescapeText(line.slice(0, keyEnd)), unescapeText(line.slice(valueStart)));
  }
  return result;
}
