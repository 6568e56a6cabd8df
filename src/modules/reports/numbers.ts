// Numbers as Vietnamese documents write them (vi-VN): 509.591; 8,7.

/** vi-VN number with a fixed number of decimals (default: as stored, at most 2). */
export function formatNumber(n: number, decimals?: number, round: 'half' | 'floor' = 'half'): string {
  let v = n;
  if (round === 'floor') {
    const f = 10 ** (decimals ?? 0);
    v = Math.floor(n * f + 1e-9) / f;
  }
  const opts: Intl.NumberFormatOptions =
    decimals === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return new Intl.NumberFormat('vi-VN', opts).format(v);
}
