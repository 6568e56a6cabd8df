// Builds src/modules/orgunits/bootstrap/data/vn-admin.json, the compact administrative-unit bundle
// read by the province plan builder (plan.ts), from the vn-admin data set (see its README.md).
//
//   npx tsx scripts/bundle-vn-admin.ts [vn-admin dir]    (or VN_ADMIN_DIR; default ../shared/data/vn-admin)
//
// Bundle layout (arrays keep it small; every name is a normalised Vietnamese FullName):
//   np: 2025 provinces   [code, fullName, nameEn, oldProvinceCodes[]]
//   op: old provinces    [code, fullName, nameEn]
//   d:  old districts    [code, provinceCode, fullName, nameEn]
//   ow: old communes     [code, districtCode, fullName, nameEn]
//   nw: 2025 communes    [code, provinceCode, fullName, nameEn]
//   m:  mapping rows     [newCommuneCode, oldCode, 1 = full | 0 = partial]; oldCode is a district
//       code for island districts that had no communes
//   x:  old codes in the mapping absent from the old lists {code: fullName}
//   a:  mapping codes replaced by the 2025 list's code for the same commune [mappingCode, listCode]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.resolve(repoRoot, process.argv[2] ?? process.env.VN_ADMIN_DIR ?? '../shared/data/vn-admin');
const outFile = path.join(repoRoot, 'src/modules/orgunits/bootstrap/data/vn-admin.json');

interface Named { Code: string; FullName: string; NameEn: string }
interface OldProvince extends Named { District: (Named & { Ward: Named[] | null })[] }
interface NewProvince extends Named { Wards: Named[] }
interface MergesJson { data: { level1_id: string; merges: { old_id: string }[] }[] }

const readJson = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(srcDir, rel), 'utf8')) as T;

// Tone marks of the syllable-final pairs oa/oe/uy move to the first vowel (Hoà -> Hòa, Thuỷ -> Thủy),
// the spelling used by the GSO lists; the sources mix both styles, even between old and new lists.
const TONED: Record<string, [string, string]> = {
  'á': ['o', 'a'], 'à': ['o', 'a'], 'ả': ['o', 'a'], 'ã': ['o', 'a'], 'ạ': ['o', 'a'],
  'é': ['o', 'e'], 'è': ['o', 'e'], 'ẻ': ['o', 'e'], 'ẽ': ['o', 'e'], 'ẹ': ['o', 'e'],
  'ý': ['u', 'y'], 'ỳ': ['u', 'y'], 'ỷ': ['u', 'y'], 'ỹ': ['u', 'y'], 'ỵ': ['u', 'y'],
};
const MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];

export function normaliseName(raw: string): string {
  let s = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  s = s.replace(/(\p{L}?)([oOuU])([áàảãạéèẻẽẹýỳỷỹỵ])(?!\p{L})/gu, (m, before: string, v: string, t: string) => {
    const [first, second] = TONED[t];
    if (v.toLowerCase() !== first || (first === 'u' && /[qQ]/.test(before))) return m;
    const mark = MARKS.find((k) => t.normalize('NFD').includes(k))!;
    return before + (v + mark).normalize('NFC') + second;
  });
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function main(): void {
  const pre = readJson<OldProvince[]>('pre2025/units.json');
  const now = readJson<NewProvince[]>('2025/units.json');
  const merges = readJson<MergesJson>('mapping-2025/merges.json');
  const csv = fs.readFileSync(path.join(srcDir, 'mapping-2025/old-to-new-communes.csv'), 'utf8');

  const oldMerged = new Map(merges.data.map((p) => [p.level1_id, p.merges.map((m) => m.old_id)]));
  const np = now.map((p) => {
    const olds = oldMerged.get(p.Code);
    if (!olds) throw new Error(`2025 province ${p.Code} missing from merges.json`);
    return [p.Code, normaliseName(p.FullName), p.NameEn, olds];
  });
  const op = pre.map((p) => [p.Code, normaliseName(p.FullName), p.NameEn]);
  const d = pre.flatMap((p) => p.District.map((x) => [x.Code, p.Code, normaliseName(x.FullName), x.NameEn]));
  const ow = pre.flatMap((p) =>
    p.District.flatMap((x) => (x.Ward ?? []).map((w) => [w.Code, x.Code, normaliseName(w.FullName), w.NameEn])),
  );
  const nw = now.flatMap((p) => p.Wards.map((w) => [w.Code, p.Code, normaliseName(w.FullName), w.NameEn]));

  const oldCodes = new Set([...ow.map((r) => r[0] as string), ...d.map((r) => r[0] as string)]);
  const newByCode = new Map(nw.map((r) => [r[0] as string, r]));
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()!.split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing from old-to-new-communes.csv`);
    return i;
  };
  const [cProv, cNew, cNewName, cOld, cOldName, cType] = ['new_province_code', 'new_commune_code', 'new_commune_name',
    'old_commune_code', 'old_commune_name', 'merge_type'].map(col);
  const rows = lines.map((l) => {
    const f = l.split(',');
    if (f.length !== header.length) throw new Error(`unexpected CSV row (quoted commas?): ${l}`);
    return f;
  });
  const mapped = new Set(rows.map((f) => f[cNew]));

  const aliases = new Map<string, string>();
  const x: Record<string, string> = {};
  const m = rows.map((f) => {
    let code = f[cNew];
    if (!newByCode.has(code)) {
      // The 2025 list (newer) may carry another code for the same commune: match by province + name.
      const name = normaliseName(f[cNewName]);
      const hit = nw.filter((r) => r[1] === f[cProv] && r[2] === name && !mapped.has(r[0] as string));
      if (hit.length !== 1) throw new Error(`mapping commune ${code} ${name} not found in 2025/units.json`);
      aliases.set(code, hit[0][0] as string);
      code = hit[0][0] as string;
    }
    if (f[cType] !== 'full' && f[cType] !== 'partial') throw new Error(`bad merge_type in ${f.join(',')}`);
    if (!oldCodes.has(f[cOld])) x[f[cOld]] = normaliseName(f[cOldName]);
    return [code, f[cOld], f[cType] === 'full' ? 1 : 0];
  });

  const bundle = { np, op, d, ow, nw, m, x, a: [...aliases] };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(bundle) + '\n');
  const size = fs.statSync(outFile).size;
  console.log(`wrote ${path.relative(repoRoot, outFile)}: ${size} bytes; ${np.length} + ${op.length} provinces, ` +
    `${d.length} districts, ${ow.length} + ${nw.length} communes, ${m.length} mapping rows, ` +
    `${Object.keys(x).length} unknown old codes, aliases ${JSON.stringify([...aliases])}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
