// The default templates as data (no database): they parse, every code they name exists in the default
// metadata package, every expression uses a function and options of the contract (contracts5.md), and
// the free/consolidated keys the province report relies on are there. The last test is a consistency
// check of the two data files against each other: the TTYT template, with seed 001's totals put into
// its figures by a deliberately small stand-in evaluator, prints every text of SEED001_FIGURES (the
// real evaluation from the database is tested by the report generation tests).
import { describe, expect, it } from 'vitest';
import { SEED_001 } from '../../demo/seed001.js';
import { seedDistrictTargets } from '../../demo/plans.js';
import { BCTK_YTCS_PACKAGE } from '../../metadata/default-package/bctk-ytcs.js';
import { templateDefinitionSchema, type TemplateDefinitionInput } from '../template.schema.js';
import { BC_SYT_6THANG, BC_TTYT_THANG, BC_TYT_THANG, DEFAULT_TEMPLATES } from './index.js';
import { SEED001_FIGURES } from './seed001.expected.js';

// ---------------------------------------------------------------- the package's items
const pkg = BCTK_YTCS_PACKAGE;
const optionsOfCombo = new Map<string, Set<string>>();
for (const combo of pkg.categoryCombos ?? []) {
  const opts = new Set<string>();
  for (const cat of combo.categories) for (const o of pkg.categories?.find((c) => c.code === cat)?.options ?? []) opts.add(o);
  optionsOfCombo.set(combo.code, opts);
}
const elements = new Map((pkg.dataElements ?? []).map((e) => [e.code, e]));
const indicators = new Map((pkg.indicators ?? []).map((i) => [i.code, i]));

function itemProblem(item: string): string | null {
  const [code, option, extra] = item.split('.');
  if (extra !== undefined) return `${item}: too many parts`;
  if (option === undefined) return elements.has(code!) || indicators.has(code!) ? null : `${item}: unknown element or indicator`;
  const de = elements.get(code!);
  if (!de) return `${item}: unknown data element ${code}`;
  const combo = de.categoryCombo ?? 'default';
  return optionsOfCombo.get(combo)?.has(option) ? null : `${item}: ${option} is not an option of ${combo}`;
}

// ---------------------------------------------------------------- the contract's functions and options
const ITEMS = /^[A-Z0-9_.]+(,[A-Z0-9_.]+)*$/;
const NUM_OPTS = { decimals: /^[0-4]$/, round: /^floor$/, pad: /^[1-9]$/, zero: /.*/, before: /.+/, unit: /.+/, parts: ITEMS };
const ITEM_FNS: Record<string, Record<string, RegExp>> = {
  value: { period: /^(current|ytd|lastYear|lastYearYtd|previous)$/, ...NUM_OPTS },
  ytd: NUM_OPTS,
  lastYear: NUM_OPTS,
  target: { decimals: /^[0-4]$/, before: /.+/, unit: /.+/ },
  rest: { minus: ITEMS, before: /.+/, unit: /.+/, pad: /^[1-9]$/ },
  pctPlan: { basis: /^(period|ytd)$/, decimals: /^[0-4]$/ },
  ofPlan: { basis: /^(period|ytd)$/, decimals: /^[0-4]$/, unit: /.+/ },
  vsLastYear: { unit: /.+/, basis: /^(period|ytd)$/, decimals: /^[0-4]$/, parts: ITEMS },
  vsPrevious: { unit: /.+/, parts: ITEMS },
  changePct: { compare: /^(lastYear|previous)$/, decimals: /^[0-4]$/, parts: ITEMS },
};
const WORD_FNS: Record<string, Record<string, RegExp>> = {
  unit: { upper: /^yes$/ },
  parent: { upper: /^yes$/ },
  place: { upper: /^yes$/ },
  subunits: {},
  subunitCount: {},
  completeness: { only: /^missing$/ },
  planJudgement: { items: ITEMS, basis: /^(period|ytd)$/ },
  period: { of: /^(current|next)$/, style: /^(long|title)$/, year: /^no$/ },
  periodEnd: {},
  year: {},
  reportDate: {},
};

interface Expr {
  fn: string;
  item?: string;
  opts: Record<string, string>;
  raw: string;
}
const EXPR = /\{\{([^{}]*)\}\}/g;

function parseExpr(inner: string): Expr {
  const tokens = [...inner.matchAll(/([A-Za-z]+)=(?:"([^"]*)"|(\S+))|(\S+)/g)];
  const [first, ...rest] = tokens;
  const fn = first?.[4] ?? '';
  const opts: Record<string, string> = {};
  let item: string | undefined;
  for (const t of rest) {
    if (t[4] !== undefined) {
      if (item !== undefined) throw new Error(`{{${inner}}}: more than one argument`);
      item = t[4];
    } else opts[t[1]!] = t[2] ?? t[3]!;
  }
  return { fn, item, opts, raw: inner };
}

/** Every text of a template that may hold expressions, with its place. */
function texts(t: TemplateDefinitionInput): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const [k, v] of Object.entries(t.header)) out.push({ path: `header.${k}`, text: v });
  t.blocks.forEach((b, i) => {
    if (b.type === 'heading' || b.type === 'text') out.push({ path: `blocks[${i}].text`, text: b.text });
    if (b.type === 'free' && b.default) out.push({ path: `blocks[${i}].default`, text: b.default });
    if (b.type === 'free') b.unitDefaults?.forEach((d, k) => out.push({ path: `blocks[${i}].unitDefaults[${k}].text`, text: d.text }));
    if (b.type === 'tasks' && b.title) out.push({ path: `blocks[${i}].title`, text: b.title });
  });
  return out;
}

/** Items named by tables (rows and sub-unit columns). */
function tableItems(t: TemplateDefinitionInput): { path: string; item: string }[] {
  const out: { path: string; item: string }[] = [];
  t.blocks.forEach((b, i) => {
    if (b.type !== 'table') return;
    b.items?.forEach((r, j) => out.push({ path: `blocks[${i}].items[${j}]`, item: r.item }));
    b.columns.forEach((c, j) => c.item && out.push({ path: `blocks[${i}].columns[${j}]`, item: c.item }));
  });
  return out;
}

function problems(t: TemplateDefinitionInput): string[] {
  const out: string[] = [];
  for (const { path, text } of texts(t)) {
    const stripped = text.replace(EXPR, '');
    if (stripped.includes('{{') || stripped.includes('}}')) out.push(`${path}: unbalanced braces`);
    for (const m of text.matchAll(EXPR)) {
      let e: Expr;
      try {
        e = parseExpr(m[1]!);
      } catch (err) {
        out.push(`${path}: ${(err as Error).message}`);
        continue;
      }
      const spec = ITEM_FNS[e.fn] ?? WORD_FNS[e.fn];
      if (!spec) {
        out.push(`${path}: unknown function ${e.fn}`);
        continue;
      }
      if (ITEM_FNS[e.fn]) {
        if (!e.item) out.push(`${path}: {{${e.raw}}} needs an item`);
        else {
          const p = itemProblem(e.item);
          if (p) out.push(`${path}: ${p}`);
        }
      } else if (e.item) out.push(`${path}: {{${e.raw}}} takes no item`);
      for (const k of ['parts', 'minus', 'items']) {
        for (const it of (e.opts[k] ?? '').split(',').filter(Boolean)) {
          const p = itemProblem(it);
          if (p) out.push(`${path}: ${p}`);
        }
      }
      for (const [k, v] of Object.entries(e.opts)) {
        if (!spec[k]) out.push(`${path}: {{${e.raw}}}: option ${k} not allowed`);
        else if (!spec[k]!.test(v)) out.push(`${path}: {{${e.raw}}}: bad value ${k}=${v}`);
      }
    }
    // inline marks: **bold** and *italic* come in pairs
    const bold = stripped.split('**').length - 1;
    const italic = stripped.replaceAll('**', '').split('*').length - 1;
    if (bold % 2 || italic % 2) out.push(`${path}: unbalanced ** or * marks`);
  }
  for (const { path, item } of tableItems(t)) {
    const p = itemProblem(item);
    if (p) out.push(`${path}: ${p}`);
  }
  return out;
}

const freeKeys = (t: TemplateDefinitionInput) => t.blocks.flatMap((b) => (b.type === 'free' ? [b.key] : []));
const consolidatedKeys = (t: TemplateDefinitionInput) => t.blocks.flatMap((b) => (b.type === 'consolidated' ? [b.key] : []));

describe('default report templates', () => {
  it('are the three templates in order, each parsing with the template schema', () => {
    expect(DEFAULT_TEMPLATES.map((t) => t.code)).toEqual(['BC_TTYT_THANG', 'BC_TYT_THANG', 'BC_SYT_6THANG']);
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.code)).size).toBe(3);
    for (const t of DEFAULT_TEMPLATES) {
      const r = templateDefinitionSchema.safeParse(t);
      expect(r.success, `${t.code}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
    expect([BC_TTYT_THANG.unitKind, BC_TYT_THANG.unitKind, BC_SYT_6THANG.unitKind]).toEqual(['centre', 'station', 'province']);
    expect(BC_TTYT_THANG.periodKinds).toEqual(['Monthly']);
    expect(BC_TYT_THANG.periodKinds).toEqual(['Monthly']);
    expect(BC_SYT_6THANG.periodKinds).toEqual(['Quarterly', 'SixMonthly', 'NineMonths', 'Yearly']);
  });

  it('name only items of the default package and only functions and options of the contract', () => {
    for (const t of DEFAULT_TEMPLATES) expect(problems(t), t.code).toEqual([]);
  });

  it('the checker itself rejects unknown codes, options and functions', () => {
    const bad: TemplateDefinitionInput = {
      ...BC_TYT_THANG,
      blocks: [
        { type: 'text', text: '{{value CD_NOPE}} {{value FP_BIRTHS.FP_PILL}} {{pctPlan EPI_FULL_U1 basis=month}} {{total OPD_VISITS}} {{place CD_DENGUE}} **x' },
        { type: 'table', rows: 'items', items: [{ item: 'IND_NOPE' }], columns: [{ label: 'x', measure: 'value' }] },
      ],
    };
    expect(problems(bad)).toEqual([
      'blocks[0].text: CD_NOPE: unknown element or indicator',
      'blocks[0].text: FP_BIRTHS.FP_PILL: FP_PILL is not an option of SEX',
      'blocks[0].text: {{pctPlan EPI_FULL_U1 basis=month}}: bad value basis=month',
      'blocks[0].text: unknown function total',
      'blocks[0].text: {{place CD_DENGUE}} takes no item',
      'blocks[0].text: unbalanced ** or * marks',
      'blocks[1].items[0]: IND_NOPE: unknown element or indicator',
    ]);
  });

  it('have unique free-block keys, and the keys the province consolidates', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const keys = freeKeys(t);
      expect(new Set(keys).size, t.code).toBe(keys.length);
      expect(new Set(consolidatedKeys(t)).size, t.code).toBe(consolidatedKeys(t).length);
    }
    expect(freeKeys(BC_TTYT_THANG)).toEqual(expect.arrayContaining(['difficulties', 'proposals', 'shortcomings', 'causes', 'targets', 'tasks', 'solutions']));
    expect(freeKeys(BC_TYT_THANG)).toEqual(expect.arrayContaining(['difficulties', 'tasks', 'proposals']));
    expect(consolidatedKeys(BC_SYT_6THANG).sort()).toEqual(['difficulties', 'proposals']);
    expect(freeKeys(BC_SYT_6THANG)).toEqual(expect.arrayContaining(['shortcomings', 'tasks']));
  });

  it('the province review follows up the tasks (seed 004): results in section II, the next period’s in section III', () => {
    const tasks = (t: TemplateDefinitionInput) => t.blocks.flatMap((b, i) => (b.type === 'tasks' ? [{ i, view: b.view, source: b.source, when: b.when, title: b.title }] : []));
    expect(tasks(BC_TTYT_THANG)).toEqual([]);
    expect(tasks(BC_TYT_THANG)).toEqual([]);
    const blocks = BC_SYT_6THANG.blocks;
    const at = (text: string) => blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(text));
    const [counts, summary, list] = tasks(BC_SYT_6THANG);
    expect([counts, summary, list].map((b) => b && [b.view, b.source, b.when])).toEqual([
      ['counts', 'led', 'period'],
      ['summary', 'led', 'period'],
      ['list', 'assigned', 'next'],
    ]);
    expect(counts!.i).toBe(at('1. Kết quả thực hiện các nhiệm vụ được giao') + 1);
    expect(at('1. Kết quả thực hiện các nhiệm vụ được giao')).toBeGreaterThan(at('II. '));
    expect(at('1. Kết quả thực hiện các nhiệm vụ được giao')).toBeLessThan(at('2. Tồn tại'));
    expect(list!.i).toBeGreaterThan(at('III. '));
    expect(blocks[list!.i - 1]).toMatchObject({ type: 'free', key: 'tasks' });
    expect(list!.title).toBe('Các nhiệm vụ đã giao có thời hạn trong {{period of=next}}');
  });

  it('have the header, numbering and signature of each level, naming no province', () => {
    expect(BC_TTYT_THANG.header).toMatchObject({ parentBody: '{{parent upper=yes}}', issuingBody: '{{unit upper=yes}}', numberPattern: '{number}/BC-TTYT', place: '{{place}}', documentType: 'BÁO CÁO' });
    expect(BC_TYT_THANG.header).toMatchObject({ parentBody: '{{parent upper=yes}}', issuingBody: '{{unit upper=yes}}', numberPattern: '{number}/BC-TYT' });
    expect(BC_SYT_6THANG.header).toMatchObject({ parentBody: '{{parent upper=yes}}', issuingBody: '{{unit upper=yes}}', numberPattern: '{number}/BC-SYT' });
    expect(BC_TTYT_THANG.signature.authority).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(BC_TYT_THANG.signature.authority).toEqual(['TRƯỞNG TRẠM']);
    expect(BC_SYT_6THANG.signature.authority).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    for (const t of DEFAULT_TEMPLATES) {
      expect(JSON.stringify(t.header), t.code).not.toMatch(/thanh h[oó]a|hoằng h[oó]a/i);
      expect(t.recipients.at(-1), t.code).toMatch(/^Lưu: /);
    }
    expect(JSON.stringify(BC_SYT_6THANG)).not.toMatch(/thanh h[oó]a|lai châu/i);
    // seed 001's outline: 6.1 … 6.14 under section II
    const headings = BC_TTYT_THANG.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    for (let i = 1; i <= 14; i++) expect(headings.some((h) => h.startsWith(`6.${i}. `)), `6.${i}.`).toBe(true);
    expect(headings).toContain('III. KIẾN NGHỊ');
  });

  it('the TTYT template prints every text of SEED001_FIGURES from seed 001 totals (consistency of the data files)', () => {
    const printed = standInRender(BC_TTYT_THANG);
    const missing = SEED001_FIGURES.filter((f) => !printed.includes(f.text)).map((f) => `${f.label}: ${f.text}`);
    expect(missing).toEqual([]);
    expect(new Set(SEED001_FIGURES.map((f) => f.label)).size).toBe(SEED001_FIGURES.length);
    expect(printed).not.toMatch(/NaN|undefined|Infinity/);
  });
});

// ---------------------------------------------------------------- stand-in evaluator (seed 001 only)
// Totals of seed 001 for TTYT399 / 202405 (all figures of the current period), indicators from the
// package's formulas, "đạt X % kế hoạch" against the demo's 2024 targets. Comparisons and words that
// need the database print a placeholder.
const factorOf = new Map((pkg.indicatorTypes ?? []).map((t) => [t.code, t.factor]));

function seedValue(item: string): number | null {
  const ind = indicators.get(item);
  if (ind) {
    const evalSide = (expr: string) => {
      const js = expr.replace(/#\{([A-Z0-9_.]+)\}/g, (_, k: string) => String(seedValue(k) ?? 0));
      if (!/^[\d\s+\-*/().]+$/.test(js)) throw new Error(`cannot evaluate ${expr}`);
      return Function(`return (${js});`)() as number;
    };
    const den = evalSide(ind.denominator);
    return den === 0 ? null : (evalSide(ind.numerator) / den) * (factorOf.get(ind.indicatorType) ?? 1);
  }
  const keys = Object.keys(SEED_001).filter((k) => k === item || (!item.includes('.') && k.startsWith(`${item}.`)));
  return keys.length === 0 ? null : keys.reduce((s, k) => s + SEED_001[k]!, 0);
}

const vi = (x: number, decimals: number) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);

function standInFigure(e: Expr): string {
  const item = e.item!;
  const decimals = e.opts.decimals !== undefined ? Number(e.opts.decimals) : indicators.has(item) ? 1 : 0;
  switch (e.fn) {
    case 'value': {
      let v = seedValue(item);
      if (v === null) return 'chưa có số liệu';
      const unit = e.opts.unit ? `${/^\//.test(e.opts.unit) || e.opts.unit === 'đ' ? '' : ' '}${e.opts.unit}` : '';
      if (v === 0 && e.opts.zero !== undefined) return `${e.opts.zero}${unit}`;
      if (e.opts.round === 'floor') v = Math.floor(v * 10 ** decimals) / 10 ** decimals;
      const s = vi(v, decimals);
      return `${e.opts.before ? `${e.opts.before} ` : ''}${e.opts.pad ? s.padStart(Number(e.opts.pad), '0') : s}${unit}`;
    }
    case 'rest': {
      const total = seedValue(item);
      const rest = (total ?? 0) - (e.opts.minus ?? '').split(',').reduce((n, p) => n + (seedValue(p) ?? 0), 0);
      return rest > 0 ? `${e.opts.before ?? ''} ${e.opts.pad ? String(rest).padStart(Number(e.opts.pad), '0') : rest}` : '';
    }
    case 'ofPlan': {
      const target = seedDistrictTargets()[item];
      const v = seedValue(item);
      if (e.opts.basis !== 'period') return '[ofPlan ytd]';
      return target && v !== null ? `đạt ${vi((v / target) * 100, e.opts.decimals ? Number(e.opts.decimals) : 1)} % kế hoạch${e.opts.unit ? ` ${e.opts.unit}` : ''}` : 'chưa có kế hoạch';
    }
    default:
      return `[${e.fn}]`;
  }
}

function standInRender(t: TemplateDefinitionInput): string {
  const words: Record<string, string> = { periodEnd: '31/5/2024', year: '2024' };
  return texts(t)
    .map(({ text }) =>
      text
        .replace(EXPR, (_, inner: string) => {
          const e = parseExpr(inner);
          return ITEM_FNS[e.fn] ? standInFigure(e) : (words[e.fn] ?? `[${e.fn}]`);
        })
        .replaceAll('**', '')
        .replaceAll('*', ''),
    )
    .join('\n');
}
