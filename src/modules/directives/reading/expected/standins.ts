// Units of other provinces named by the seed notices, and the demo's (Thanh Hóa's) units that stand in
// for them, so the demo can load the notices verbatim and still assign their tasks. Phrases are matched
// with or without tone marks and with the usual abbreviations ("Trung tâm Y tế TP. Hạ Long" is
// "TTYT TP. Hạ Long"). The demo loader and the seeds' measure use the same map.
import type { UnitEntry } from '../units.js';

export const STANDIN_CODES: Readonly<Record<string, string>> = {
  // Quảng Ninh (seed 000) → the two cities of the demo province
  'TTYT TP. Hạ Long': 'TTYT380', // Trung tâm Y tế thành phố Thanh Hóa
  'TTYT TP. Cẩm Phả': 'TTYT382', // Trung tâm Y tế thành phố Sầm Sơn
  // Đồng Nai (seed 003) has one "Phòng Nghiệp vụ"; its work there (vaccination data) is the medical office's
  'Phòng Nghiệp vụ': 'SYT38_NVY',
};

/** The stand-ins as the reading's `aliases` option (phrase → unit id) for the given units. */
export function standinAliases(units: readonly UnitEntry[], codes: Readonly<Record<string, string>> = STANDIN_CODES): Record<string, string> {
  const byCode = new Map(units.map((u) => [u.code, u.id]));
  const out: Record<string, string> = {};
  for (const [phrase, code] of Object.entries(codes)) {
    const id = byCode.get(code);
    if (id) out[phrase] = id;
  }
  return out;
}
