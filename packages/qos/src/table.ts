/** How a column of a QoS table aligns its cells (Java's `TTable.Align`). */
export type Align = "left" | "right" | "middle";

/** A column: its alignment and, for a fixed width, the width at which cells wrap. */
export interface Column {
  readonly align: Align;
  /** Fixed width (cells wrap at it); default: the widest cell. */
  readonly width?: number;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (width <= 0 || line.length <= width) lines.push(line);
    else for (let i = 0; i < line.length; i += width) lines.push(line.slice(i, i + width));
  }
  // Java's Scanner drops a trailing empty line ("a\n" has one line).
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function align(text: string, width: number, how: Align): string {
  const diff = Math.max(0, width - text.length);
  if (how === "right") return " ".repeat(diff) + text;
  if (how === "left") return text + " ".repeat(diff);
  // TTable MIDDLE: the odd space goes to the left.
  const left = Math.floor(diff / 2);
  return " ".repeat(diff - left) + text + " ".repeat(left);
}

/**
 * Renders rows the way Java Dubbo's QoS `TTable` does (outer and inner borders, `+---+` lines
 * between rows, `\n` line ends), so a person or script used to Java's `ls` and `help` output
 * reads ours unchanged. The first row is usually the header.
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  columns: readonly Column[],
  padding = 0,
): string {
  const cells = rows.map((row) =>
    columns.map((c, i) => wrap((row[i] ?? "").replaceAll("\t", "    "), c.width ?? 0)),
  );
  const widths = columns.map(
    (c, i) => c.width ?? Math.max(0, ...cells.map((r) => Math.max(...r[i]!.map((l) => l.length)))),
  );
  const pad = " ".repeat(padding);
  const line = `+${widths.map((w) => "-".repeat(w + 2 * padding)).join("+")}+\n`;
  let out = "";
  cells.forEach((row, r) => {
    out += line;
    const height = Math.max(...row.map((c) => c.length));
    for (let l = 0; l < height; l++) {
      out += "|";
      out += row
        .map((c, i) => pad + align(c[l] ?? "", widths[i]!, columns[i]!.align) + pad)
        .join("|");
      out += "|\n";
    }
    if (r === cells.length - 1) out += line;
  });
  return out;
}

/**
 * The older table of Java's `TelnetUtils.toTable` (used by `count`): a header row between two
 * lines, left-aligned cells padded by one space, `\r\n` line ends.
 */
export function renderTelnetTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+\r\n`;
  const row = (cells: readonly string[]) =>
    `|${widths.map((w, i) => ` ${(cells[i] ?? "").padEnd(w)} `).join("|")}|\r\n`;
  return line + row(header) + line + rows.map(row).join("") + line;
}
