// What the benchmarks share: their command-line numbers, a clock, percentiles, and timing a query
// over several runs after a warm-up.

/** `--name N` from the command line, or the default. */
export const opt = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/** Milliseconds, monotonic. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The p-th percentile (nearest rank) of the timings. */
export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export const fmt = (n: number): string => n.toFixed(1);

/** Runs `fn` three times to warm up (plans cached, pages in memory), then `runs` times; the timings in ms. */
export async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    out.push(now() - t0);
  }
  return out;
}
