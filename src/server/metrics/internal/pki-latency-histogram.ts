/** A sample as prom-client's Registry formats it: `metricName{labels} value`. */
export type HistogramSample = { metricName: string; labels: Record<string, string | number>; value: number };

/** One (kind, outcome) series: counts per bucket (not yet cumulative; the last is above every bound), the sum and the count. */
type Series = { readonly kind: string; readonly outcome: string; readonly counts: Float64Array; sum: number; count: number };

/**
 * The PKI latency histogram, recorded without prom-client on the request path and handed to
 * prom-client's registry when it is scraped (the registry formats any metric whose get() returns
 * what its own Histogram's does). Why: prom-client's observe() validates the label names, builds
 * and hashes a label key and allocates on every call, and /pki/ocsp records one observation per
 * answer, thousands a second; here an observation is two Map lookups and a bucket increment.
 * Same name, buckets (upper bounds inclusive, as Prometheus counts them), labels and text.
 */
export class PkiLatencyHistogram {
  readonly type = "histogram" as const;
  readonly aggregator = "sum" as const;
  private readonly series = new Map<string, Map<string, Series>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  observe(kind: string, outcome: string, seconds: number): void {
    let byOutcome = this.series.get(kind);
    if (!byOutcome) this.series.set(kind, (byOutcome = new Map()));
    let s = byOutcome.get(outcome);
    if (!s) byOutcome.set(outcome, (s = { kind, outcome, counts: new Float64Array(this.upperBounds.length + 1), sum: 0, count: 0 }));
    const bounds = this.upperBounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]!) i++;
    s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }

  /** prom-client's metric interface (Registry.metrics() calls it at scrape time): cumulative buckets, +Inf, _sum and _count per series. */
  async get(): Promise<{ name: string; help: string; type: "histogram"; aggregator: "sum"; values: HistogramSample[] }> {
    const bucket = `${this.name}_bucket`;
    const values: HistogramSample[] = [];
    for (const byOutcome of this.series.values()) {
      for (const { kind, outcome, counts, sum, count } of byOutcome.values()) {
        let cumulative = 0;
        this.upperBounds.forEach((le, i) => {
          cumulative += counts[i]!;
          values.push({ metricName: bucket, labels: { le, kind, outcome }, value: cumulative });
        });
        values.push({ metricName: bucket, labels: { le: "+Inf", kind, outcome }, value: count });
        values.push({ metricName: `${this.name}_sum`, labels: { kind, outcome }, value: sum });
        values.push({ metricName: `${this.name}_count`, labels: { kind, outcome }, value: count });
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** prom-client's Registry.resetMetrics() calls this. */
  reset(): void {
    this.series.clear();
  }
}
