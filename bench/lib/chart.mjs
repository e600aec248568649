// A hand-written SVG: QPS by concurrency, one panel per scenario, one line per implementation.
// No chart library: a few dozen <path>/<text> elements are enough and keep the output diffable.

const COLORS = {
  "dubbo-ts": "#d62728",
  "dubbo-ts-app": "#e377c2",
  sofa: "#1f77b4",
  grpc: "#2ca02c",
  floor: "#7f7f7f",
  java: "#ff7f0e",
};
const FALLBACK = ["#9467bd", "#8c564b", "#17becf", "#bcbd22"];

const esc = (s) =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );

/** Log-scale bounds: whole decades around the data, so a 2 k/s peer and a 300 k/s floor both show. */
function decades(values) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!(lo > 0)) return [100, 1_000_000];
  const min = 10 ** Math.floor(Math.log10(lo));
  let max = 10 ** Math.ceil(Math.log10(hi));
  if (max === min) max = min * 10;
  return [min, max];
}

/** Tick values 1, 2, 5 per decade between min and max. */
function ticks(min, max) {
  const out = [];
  for (let d = min; d <= max; d *= 10) {
    for (const m of [1, 2, 5]) if (d * m <= max) out.push(d * m);
  }
  return out;
}

const fmtK = (v) =>
  v >= 1e6
    ? `${+(v / 1e6).toFixed(1)}M`
    : v >= 1000
      ? `${+(v / 1000).toFixed(1)}k`
      : String(Math.round(v));

/**
 * @param {Array<{impl: string, label: string, scenario: string, concurrency: number, qps?: number, failed?: string}>} rows
 * @param {{ title: string, subtitle?: string }} meta
 */
export function qpsChart(rows, meta) {
  const ok = rows.filter((r) => !r.failed && r.qps > 0);
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const concurrencies = [...new Set(rows.map((r) => r.concurrency))].sort((a, b) => a - b);
  const impls = [...new Map(rows.map((r) => [r.impl, r.label])).entries()];
  const color = (impl, i) => COLORS[impl] ?? FALLBACK[i % FALLBACK.length];

  const panelW = 260;
  const panelH = 220;
  const margin = { left: 56, right: 16, top: 34, bottom: 40 };
  const cols = Math.min(3, scenarios.length);
  const gridRows = Math.ceil(scenarios.length / cols);
  const width = cols * (panelW + margin.left + margin.right) + 20;
  const legendH = 24 + 18 * Math.ceil(impls.length / 2);
  const height = 60 + gridRows * (panelH + margin.top + margin.bottom) + legendH;

  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="14" y="24" font-size="16" font-weight="bold">${esc(meta.title)}</text>`,
  );
  if (meta.subtitle) out.push(`<text x="14" y="42" fill="#555">${esc(meta.subtitle)}</text>`);

  scenarios.forEach((scenario, si) => {
    const ox = 10 + (si % cols) * (panelW + margin.left + margin.right) + margin.left;
    const oy = 60 + Math.floor(si / cols) * (panelH + margin.top + margin.bottom) + margin.top;
    const inPanel = ok.filter((r) => r.scenario === scenario);
    const [yMin, yMax] = decades(inPanel.length ? inPanel.map((r) => r.qps) : [1000]);
    const span = Math.log10(yMax) - Math.log10(yMin);
    const x = (c) =>
      concurrencies.length === 1
        ? ox + panelW / 2
        : ox + (concurrencies.indexOf(c) / (concurrencies.length - 1)) * panelW;
    const y = (v) => oy + panelH - ((Math.log10(v) - Math.log10(yMin)) / span) * panelH;

    out.push(
      `<text x="${ox + panelW / 2}" y="${oy - 12}" text-anchor="middle" font-size="13" font-weight="bold">${esc(scenario)}</text>`,
    );
    for (const v of ticks(yMin, yMax)) {
      out.push(
        `<line x1="${ox}" x2="${ox + panelW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`,
        `<text x="${ox - 6}" y="${y(v) + 4}" text-anchor="end" fill="#444">${fmtK(v)}</text>`,
      );
    }
    out.push(
      `<line x1="${ox}" x2="${ox}" y1="${oy}" y2="${oy + panelH}" stroke="#999"/>`,
      `<line x1="${ox}" x2="${ox + panelW}" y1="${oy + panelH}" y2="${oy + panelH}" stroke="#999"/>`,
    );
    for (const c of concurrencies) {
      out.push(
        `<text x="${x(c)}" y="${oy + panelH + 16}" text-anchor="middle" fill="#444">${c}</text>`,
      );
    }
    out.push(
      `<text x="${ox + panelW / 2}" y="${oy + panelH + 32}" text-anchor="middle" fill="#666">concurrency (calls in flight, 1 connection)</text>`,
    );
    out.push(
      `<text transform="translate(${ox - 44} ${oy + panelH / 2}) rotate(-90)" text-anchor="middle" fill="#666">requests / s (log scale)</text>`,
    );

    impls.forEach(([impl], ii) => {
      const pts = concurrencies
        .map((c) => inPanel.find((r) => r.impl === impl && r.concurrency === c))
        .filter(Boolean);
      if (pts.length === 0) return;
      const col = color(impl, ii);
      const d = pts
        .map((r, i) => `${i ? "L" : "M"}${x(r.concurrency).toFixed(1)},${y(r.qps).toFixed(1)}`)
        .join(" ");
      out.push(
        `<path d="${d}" fill="none" stroke="${col}" stroke-width="2"${impl === "floor" ? ' stroke-dasharray="5,3"' : ""}/>`,
      );
      for (const r of pts) {
        out.push(
          `<circle cx="${x(r.concurrency).toFixed(1)}" cy="${y(r.qps).toFixed(1)}" r="3" fill="${col}"><title>${esc(`${r.label} ${scenario} c=${r.concurrency}: ${Math.round(r.qps)} req/s`)}</title></circle>`,
        );
      }
    });
  });

  const ly = height - legendH + 10;
  impls.forEach(([impl, label], i) => {
    const lx = 20 + (i % 2) * 360;
    const yy = ly + 18 * Math.floor(i / 2);
    const col = color(impl, i);
    out.push(
      `<line x1="${lx}" x2="${lx + 26}" y1="${yy}" y2="${yy}" stroke="${col}" stroke-width="3"${impl === "floor" ? ' stroke-dasharray="5,3"' : ""}/>`,
      `<text x="${lx + 34}" y="${yy + 4}">${esc(label)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
