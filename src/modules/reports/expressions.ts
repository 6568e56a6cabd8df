// The text language of report templates: literal text with inline marks (**bold**, *italic*) and
// expressions in double braces, `{{ fn ITEM key=value key="quoted value" }}` (docs: contracts in
// README "Narrative reports"); a code in capitals alone, `{{CODE}}`, is `{{value CODE}}`. This file
// parses and checks the syntax; figures.ts evaluates.
//
// Errors carry the 1-based position in the text so the template editor can point at them.
import { own } from '../../core/input.js';

/** Functions, whether they take a data item, and the options each accepts. */
export const FUNCTIONS = {
  value: { item: true, options: ['period', 'decimals', 'round', 'pad', 'zero', 'before', 'unit', 'parts'] },
  ytd: { item: true, options: ['decimals', 'round', 'pad', 'zero', 'before', 'unit', 'parts'] },
  lastYear: { item: true, options: ['decimals', 'round', 'pad', 'zero', 'before', 'unit', 'parts'] },
  target: { item: true, options: ['decimals', 'round', 'pad', 'before', 'unit'] },
  /** The rest of a total after the listed parts ("; khác 01"), printed only when above 0. */
  rest: { item: true, options: ['minus', 'before', 'unit', 'pad'] },
  pctPlan: { item: true, options: ['basis', 'decimals'] },
  ofPlan: { item: true, options: ['basis', 'decimals', 'unit'] },
  vsLastYear: { item: true, options: ['unit', 'basis', 'decimals', 'parts'] },
  vsPrevious: { item: true, options: ['unit', 'decimals', 'parts'] },
  changePct: { item: true, options: ['compare', 'decimals', 'parts'] },
  unit: { item: false, options: ['upper'] },
  parent: { item: false, options: ['upper'] },
  place: { item: false, options: ['upper'] },
  subunits: { item: false, options: [] },
  subunitCount: { item: false, options: [] },
  /** Which sub-units reported the period's data ("Tháng 11/2024 có 5/8 trạm y tế đã báo cáo; …"). */
  completeness: { item: false, options: ['only'] },
  /** The overall judgement against the plan of the listed items (a province review, seed 004). */
  planJudgement: { item: false, options: ['items', 'basis'] },
  period: { item: false, options: ['of', 'style', 'year'] },
  periodEnd: { item: false, options: [] },
  year: { item: false, options: [] },
  reportDate: { item: false, options: [] },
} as const satisfies Record<string, { item: boolean; options: readonly string[] }>;

export type FunctionName = keyof typeof FUNCTIONS;

/** Allowed values of the options that are not free text. */
const OPTION_VALUES: Record<string, readonly string[] | 'int' | 'text' | 'items'> = {
  period: ['current', 'ytd', 'lastYear', 'lastYearYtd', 'previous'],
  decimals: 'int',
  pad: 'int',
  round: ['half', 'floor'],
  zero: 'text',
  basis: ['period', 'ytd'],
  unit: 'text',
  before: 'text',
  parts: 'items',
  minus: 'items',
  items: 'items',
  only: ['missing'],
  compare: ['lastYear', 'previous'],
  upper: ['yes', 'no'],
  of: ['current', 'next'],
  style: ['long', 'title'],
  year: ['yes', 'no'],
};

export interface Call {
  fn: FunctionName;
  /** The data item: CODE, CODE.OPTION or an indicator code. */
  item?: string;
  options: Record<string, string>;
  /** 1-based position of "{{" in the text. */
  pos: number;
  source: string;
}

export type Piece =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean }
  | { kind: 'call'; call: Call; bold: boolean; italic: boolean };

export interface TextError {
  /** 1-based character position in the text. */
  pos: number;
  /** Message key in reports.messages.ts and its parameters. */
  key: string;
  params: Record<string, string | number>;
}

export class TemplateTextError extends Error {
  constructor(readonly error: TextError) {
    super(`${error.key} at ${error.pos}`);
  }
}

const ITEM_RE = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/;
/** A code written alone in braces (capitals, as codes are): short for `value CODE`. */
const BARE_ITEM_RE = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)?$/;

/** The items of a list option ("A,B.X"). */
export function itemList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The data items a call reads: its own and those of its list options (parts, minus, items). */
export function itemsOfCall(call: Call): string[] {
  return [...(call.item ? [call.item] : []), ...itemList(call.options.parts), ...itemList(call.options.minus), ...itemList(call.options.items)];
}

/** Parses one expression (the text between the braces); `pos` is the position of "{{". */
export function parseCall(inner: string, pos: number): Call {
  const tokens: { text: string; at: number }[] = [];
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*="(?:[^"\\]|\\.)*"|[^\s"]+|"(?:[^"\\]|\\.)*")/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(inner))) {
    tokens.push({ text: m[1]!, at: pos + 2 + m.index + m[0].length - m[1]!.length });
    last = re.lastIndex;
  }
  if (inner.slice(last).trim() !== '') throw new TemplateTextError({ pos: pos + 2 + last, key: 'reports.expr.syntax', params: { text: inner.trim() } });
  const source = `{{${inner}}}`;
  if (tokens.length === 0) throw new TemplateTextError({ pos, key: 'reports.expr.empty', params: {} });
  const name = tokens[0]!.text;
  // A bare code in capitals is its value: "{{EQ_FUNCTIONAL_PCT}}" = "{{value EQ_FUNCTIONAL_PCT}}".
  const bare = own(FUNCTIONS, name) === undefined && BARE_ITEM_RE.test(name);
  // Own keys only: "{{constructor}}" or "{{toString}}" name no function.
  if (own(FUNCTIONS, name) === undefined && !bare) throw new TemplateTextError({ pos: tokens[0]!.at, key: 'reports.expr.unknownFunction', params: { name } });
  const fn: FunctionName = bare ? 'value' : (name as FunctionName);
  const spec = FUNCTIONS[fn];
  const call: Call = { fn, options: {}, pos, source, ...(bare ? { item: name } : {}) };
  for (const t of tokens.slice(1)) {
    const eq = t.text.indexOf('=');
    if (eq <= 0) {
      if (!spec.item || call.item !== undefined) throw new TemplateTextError({ pos: t.at, key: 'reports.expr.unexpected', params: { text: t.text, name } });
      if (!ITEM_RE.test(t.text)) throw new TemplateTextError({ pos: t.at, key: 'reports.expr.badItem', params: { item: t.text } });
      call.item = t.text;
      continue;
    }
    const key = t.text.slice(0, eq);
    let value = t.text.slice(eq + 1);
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (!(spec.options as readonly string[]).includes(key)) throw new TemplateTextError({ pos: t.at, key: 'reports.expr.unknownOption', params: { option: key, name } });
    const allowed = OPTION_VALUES[key]!;
    const ok =
      allowed === 'text'
        ? true
        : allowed === 'items'
          ? itemList(value).length > 0 && itemList(value).every((i) => ITEM_RE.test(i))
          : allowed === 'int'
            ? /^[0-4]$/.test(value)
            : allowed.includes(value);
    if (!ok) {
      throw new TemplateTextError({
        pos: t.at,
        key: 'reports.expr.badOption',
        params: { option: key, value, allowed: allowed === 'int' ? '0–4' : allowed === 'text' ? '' : allowed === 'items' ? 'MA_1,MA_2' : allowed.join(', ') },
      });
    }
    call.options[key] = value;
  }
  if (spec.item && call.item === undefined) throw new TemplateTextError({ pos, key: 'reports.expr.missingItem', params: { name } });
  return call;
}

type Token = { t: 'text'; text: string } | { t: 'call'; call: Call } | { t: 'mark'; mark: '**' | '*'; paired: boolean };

/**
 * A text (one or more lines) as lines of pieces with their marks. A "*" or "**" is a mark only
 * when it has a partner on the same line that hugs text ("*a*"); "* Tại trạm" stays a star.
 * With `expressions: false` (text typed by users) braces are plain text.
 */
export function parseText(text: string, opts: { expressions?: boolean } = {}): Piece[][] {
  const lines: Piece[][] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push(parseLine(line, offset, opts.expressions !== false));
    offset += line.length + 1;
  }
  return lines;
}

function parseLine(line: string, offset: number, expressions: boolean): Piece[] {
  const tokens: Token[] = [];
  let i = 0;
  let buf = '';
  const flush = () => {
    if (buf) tokens.push({ t: 'text', text: buf });
    buf = '';
  };
  while (i < line.length) {
    if (expressions && line.startsWith('{{', i)) {
      const end = line.indexOf('}}', i + 2);
      if (end < 0) throw new TemplateTextError({ pos: offset + i + 1, key: 'reports.expr.unclosed', params: {} });
      flush();
      tokens.push({ t: 'call', call: parseCall(line.slice(i + 2, end), offset + i + 1) });
      i = end + 2;
    } else if (expressions && line.startsWith('}}', i)) {
      throw new TemplateTextError({ pos: offset + i + 1, key: 'reports.expr.unopened', params: {} });
    } else if (line[i] === '*') {
      flush();
      const mark = line.startsWith('**', i) ? '**' : '*';
      tokens.push({ t: 'mark', mark, paired: false });
      i += mark.length;
    } else {
      buf += line[i];
      i++;
    }
  }
  flush();
  pairMarks(tokens);
  const out: Piece[] = [];
  let bold = false;
  let italic = false;
  for (const tok of tokens) {
    if (tok.t === 'mark' && tok.paired) {
      if (tok.mark === '**') bold = !bold;
      else italic = !italic;
    } else if (tok.t === 'mark') {
      pushText(out, tok.mark, bold, italic);
    } else if (tok.t === 'text') {
      pushText(out, tok.text, bold, italic);
    } else {
      out.push({ kind: 'call', call: tok.call, bold, italic });
    }
  }
  return out;
}

function pushText(out: Piece[], text: string, bold: boolean, italic: boolean) {
  const prev = out.at(-1);
  if (prev && prev.kind === 'text' && prev.bold === bold && prev.italic === italic) prev.text += text;
  else out.push({ kind: 'text', text, bold, italic });
}

/** Pairs each opening mark (followed by non-space) with the next closing one (after non-space). */
function pairMarks(tokens: Token[]) {
  const startsSolid = (k: number) => {
    const n = tokens[k + 1];
    return !!n && (n.t === 'call' || (n.t === 'text' && /^\S/.test(n.text)));
  };
  const endsSolid = (k: number) => {
    const p = tokens[k - 1];
    return !!p && (p.t === 'call' || (p.t === 'text' && /\S$/.test(p.text)));
  };
  for (const mark of ['**', '*'] as const) {
    let open = -1;
    tokens.forEach((tok, k) => {
      if (tok.t !== 'mark' || tok.mark !== mark) return;
      if (open >= 0 && endsSolid(k)) {
        (tokens[open] as Extract<Token, { t: 'mark' }>).paired = true;
        tok.paired = true;
        open = -1;
      } else if (startsSolid(k)) {
        open = k;
      }
    });
  }
}

/** Every call of a text, for validation and for collecting the figures a report needs. */
export function callsOf(text: string): Call[] {
  return parseText(text).flatMap((line) => line.flatMap((p) => (p.kind === 'call' ? [p.call] : [])));
}
