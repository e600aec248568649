// Latency recording and percentiles for the load loop. Samples go into a growable Float64Array
// (8 bytes each; a 10 s row at 200 k/s is 16 MB), sorted once at the end: exact percentiles, no
// histogram rounding.

export class Samples {
  constructor(capacity = 1 << 16) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  add(value) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  /** p50/p90/p99/p99.9/max/mean in the unit the samples were added in (nearest-rank percentiles). */
  summary() {
    const n = this.length;
    if (n === 0) return { n: 0 };
    const sorted = this.values.slice(0, n).sort();
    const at = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    return {
      n,
      mean: sum / n,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      p999: at(0.999),
      max: sorted[n - 1],
    };
  }
}
