// Deterministic randomness for the demo data: a stream of numbers per (unit, month, topic), so any
// value can be regenerated on its own (tests sample a few units) and the data never changes between
// runs. Plus integer apportionment ("largest remainder") to spread exact totals.

/** 32-bit FNV-1a hash of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  u(): number;
  /** Standard normal. */
  z(): number;
  /** A count with the given mean: Poisson for small means, normal approximation above. */
  count(mean: number): number;
  /** How many of n trials succeed with probability p (binomial; normal approximation for large n). */
  binom(n: number, p: number): number;
  /** A multiplicative factor around 1: exp(sigma · z). */
  factor(sigma: number): number;
}

/** mulberry32 seeded by the hash of the key. */
export function rng(key: string): Rng {
  let a = hash32(key) || 0x9e3779b9;
  const u = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const z = () => {
    const u1 = u() || 1e-12;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
  const count = (mean: number) => {
    if (!(mean > 0)) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * z()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = u();
    while (p > l) {
      k++;
      p *= u();
    }
    return k;
  };
  const binom = (n: number, p: number) => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 60) {
      const m = n * p;
      return Math.min(n, Math.max(0, Math.round(m + Math.sqrt(m * (1 - p)) * z())));
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (u() < p) k++;
    return k;
  };
  return { u, z, count, binom, factor: (sigma: number) => Math.exp(sigma * z()) };
}

/**
 * Splits `total` into integers proportional to `weights` that add up exactly (largest remainder;
 * ties by position). With integer weights and total ≤ Σ weights, every share ≤ its weight, and a
 * zero weight gets zero: so a breakdown spread by its parent's shares never exceeds the parent.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || weights.length === 0) return weights.map(() => 0);
  if (sum <= 0) throw new Error('apportion: weights must have a positive sum');
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** Month index (months since year 0) of 'YYYYMM'. */
export const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(4, 6)) - 1;
/** 'YYYYMM' of a month index. */
export const monthIso = (mi: number) => `${Math.floor(mi / 12)}${String((mi % 12) + 1).padStart(2, '0')}`;
