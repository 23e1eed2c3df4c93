/** Latency samples in milliseconds, summarised the way the table shows them. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
}

/** Nearest-rank percentile over an ascending array. */
export const percentile = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};

export const summarise = (samples: number[] | Float64Array): Summary => {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

/** Grows without reallocating per sample; benchmarks push tens of thousands of numbers. */
export class Samples {
  private data = new Float64Array(1 << 14);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  merge(other: Samples): void {
    for (let i = 0; i < other.size; i++) this.push(other.data[i]);
  }

  get length(): number {
    return this.size;
  }

  summary(): Summary {
    return summarise(this.data.subarray(0, this.size));
  }
}
