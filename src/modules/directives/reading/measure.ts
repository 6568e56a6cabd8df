// How well the reading finds what an office clerk finds: for each seed notice, the proposals of
// parseNotice against the hand-written list of expected/ — precision and recall of the tasks (by item),
// of the (task, role, unit) pairs and of the (task, deadline) pairs, and the recurrences found. Tasks of
// one item are paired in order ("4.1" first, "4.1" second). Units of the demo-shaped tree (demo-units.ts);
// units of other provinces through the stand-ins (expected/standins.ts). `soyte` or a test prints them.
import { searchKey } from '../../../lib/text.js';
import { demoUnits } from './demo-units.js';
import { SEED_000 } from './expected/seed000.js';
import { SEED_002 } from './expected/seed002.js';
import { SEED_003 } from './expected/seed003.js';
import { SEED_004 } from './expected/seed004.js';
import { standinAliases } from './expected/standins.js';
import type { ExpectedTask } from './expected/types.js';
import { parseNotice, type ProposedTask, type TaskUnit } from './notice.js';
import { readSeed } from './seeds.js';

export interface Score {
  precision: number;
  recall: number;
  /** Pairs found and expected, and those in both. */
  found: number;
  expected: number;
  matched: number;
}

export interface SeedFigures {
  seed: string;
  tasks: Score;
  units: Score;
  deadlines: Score;
  recurrences: Score;
  /** Pairs found but not expected, and expected but not found: what to look at. */
  misses: { extra: string[]; missing: string[] };
}

export const SEED_LISTS: Record<string, ExpectedTask[]> = { '000': SEED_000, '002': SEED_002, '003': SEED_003, '004': SEED_004 };

/** Task keys: the item, and the task's rank among those of the same item. */
function keyed<T extends { item: string }>(tasks: T[]): [string, T][] {
  const seen = new Map<string, number>();
  return tasks.map((t) => {
    const n = (seen.get(t.item) ?? 0) + 1;
    seen.set(t.item, n);
    return [`${t.item}#${n}`, t];
  });
}

/** A unit as the expected lists write it: its code, or "ext:<words>" for one outside the tree. */
export function unitKey(u: TaskUnit): string {
  return u.code ?? `ext:${externalName(u.name)}`;
}
const externalName = (s: string) =>
  searchKey(s.replace(/^ext:/u, ''))
    .replace(/^(?:cac|giam doc) /u, '')
    .replace(/ cac (?:huyen|dia phuong).*$/u, '');

function score(found: Set<string>, expected: Set<string>): Score {
  const matched = [...found].filter((x) => expected.has(x)).length;
  return {
    precision: found.size === 0 ? (expected.size === 0 ? 1 : 0) : matched / found.size,
    recall: expected.size === 0 ? 1 : matched / expected.size,
    found: found.size,
    expected: expected.size,
    matched,
  };
}

function pairs(tasks: ProposedTask[], expected: ExpectedTask[]) {
  const got = { tasks: new Set<string>(), units: new Set<string>(), deadlines: new Set<string>(), recurrences: new Set<string>() };
  for (const [k, t] of keyed(tasks)) {
    got.tasks.add(k);
    for (const u of t.lead) got.units.add(`${k} lead ${unitKey(u)}`);
    for (const u of t.cooperating) got.units.add(`${k} cooperating ${unitKey(u)}`);
    if (t.deadline) got.deadlines.add(`${k} ${t.deadline}`);
    if (t.recurrence) got.recurrences.add(`${k} ${t.recurrence.periods.join(',')}`);
  }
  const want = { tasks: new Set<string>(), units: new Set<string>(), deadlines: new Set<string>(), recurrences: new Set<string>() };
  const norm = (c: string) => (c.startsWith('ext:') ? `ext:${externalName(c)}` : c);
  for (const [k, t] of keyed(expected)) {
    want.tasks.add(k);
    for (const c of t.lead) want.units.add(`${k} lead ${norm(c)}`);
    for (const c of t.cooperating) want.units.add(`${k} cooperating ${norm(c)}`);
    if (t.deadline) want.deadlines.add(`${k} ${t.deadline}`);
    if (t.recurrence) want.recurrences.add(`${k} ${t.recurrence.join(',')}`);
  }
  return { got, want };
}

/** The figures of one notice's text against its expected list. */
export function measureNotice(seed: string, text: string, expected: ExpectedTask[]): SeedFigures {
  const units = demoUnits();
  const parsed = parseNotice(text, { units, aliases: standinAliases(units) });
  const { got, want } = pairs(parsed.tasks, expected);
  const all = (s: { units: Set<string>; deadlines: Set<string>; tasks: Set<string> }) => new Set([...s.tasks, ...s.units, ...s.deadlines]);
  const [g, w] = [all(got), all(want)];
  return {
    seed,
    tasks: score(got.tasks, want.tasks),
    units: score(got.units, want.units),
    deadlines: score(got.deadlines, want.deadlines),
    recurrences: score(got.recurrences, want.recurrences),
    misses: { extra: [...g].filter((x) => !w.has(x)), missing: [...w].filter((x) => !g.has(x)) },
  };
}

/** The figures of the four seed notices (those present). */
export function measureSeeds(read: (prefix: string) => string | null = readSeed): SeedFigures[] {
  const out: SeedFigures[] = [];
  for (const [seed, expected] of Object.entries(SEED_LISTS)) {
    const text = read(`${seed}_`);
    if (text !== null) out.push(measureNotice(seed, text, expected));
  }
  return out;
}

/** The figures as a small table. */
export function formatFigures(figures: SeedFigures[]): string {
  const pct = (x: number) => x.toFixed(2);
  const cell = (s: Score) => `${pct(s.precision)} / ${pct(s.recall)} (${s.matched}/${s.found}/${s.expected})`;
  const rows = figures.map((f) => [f.seed, cell(f.tasks), cell(f.units), cell(f.deadlines), cell(f.recurrences)]);
  const head = ['seed', 'tasks P / R (hit/found/exp)', 'units P / R', 'deadlines P / R', 'recurrences P / R'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
