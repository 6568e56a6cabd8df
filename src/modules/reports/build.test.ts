// The template language and the Vietnamese wording, without a database: a hand-made set of figures.
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../lib/periods.js';
import { buildDocument, formatNumber, initialText, type BuildContext } from './build.js';
import type { Completeness } from './completeness.js';
import { parseText, TemplateTextError } from './expressions.js';
import { rangesOf, type Figures, type ItemInfo, type RangeKey } from './figures.js';
import { countTasks, type TaskSet } from './task-blocks.js';
import type { TaskItem } from '../directives/directives.contract.js';
import { templateDefinitionSchema, type TemplateDefinition } from './template.schema.js';

const range = parseRange('202405')!;

/** Figures from a table: item → range → value, and targets. */
function figures(values: Record<string, Partial<Record<RangeKey, number>>>, targets: Record<string, number> = {}, decimals: Record<string, number> = {}): Figures {
  const items = new Map<string, ItemInfo>(
    Object.keys({ ...values, ...targets }).map((ref) => [ref, { ref, kind: ref.startsWith('IND_') ? 'indicator' : 'dataElement', id: ref, coc: null, name: `Tên ${ref}`, decimals: decimals[ref] ?? null }]),
  );
  return {
    ranges: rangesOf(range),
    items,
    subunits: [],
    value: (ref, r, ou = 'U') => (ou === 'U' ? values[ref]?.[r] ?? null : null),
    target: (ref, ou = 'U') => (ou === 'U' ? targets[ref] ?? null : null),
  };
}

function template(blocks: TemplateDefinition['blocks']): TemplateDefinition {
  return templateDefinitionSchema.parse({
    code: 'BC_THU', name: 'Thử', unitKind: 'centre', periodKinds: ['Monthly'],
    header: { parentBody: '{{parent upper=yes}}', issuingBody: '{{unit upper=yes}}', numberPattern: '{number}/BC-TTYT', place: '{{place}}', documentType: 'Báo cáo', summary: 'Kết quả {{period}}\nvà nhiệm vụ {{period of=next}}' },
    blocks,
    signature: { authority: ['KT. Giám đốc', 'Phó giám đốc'] },
    recipients: ['- Sở Y tế (B/c);', 'Lưu: VT'],
  });
}

function ctxWith(t: TemplateDefinition, f: Figures, texts: Record<string, string> = {}): BuildContext {
  return {
    template: t,
    unit: { id: 'U', code: 'TTYT399', name: 'Trung tâm Y tế huyện Hoằng Hóa' },
    parentName: 'Sở Y tế Thanh Hóa',
    place: 'Hoằng Hóa',
    subunits: [],
    range,
    figures: f,
    report: { number: null, issuedOn: '2024-06-10', signer: 'Lê Trọng Tiến', texts, draft: true },
    consolidated: new Map(),
    tasks: new Map(),
    generatedAt: '2024-06-10T00:00:00Z',
  };
}

/** The text of a one-block template. */
function say(text: string, f: Figures): string {
  const { doc } = buildDocument(ctxWith(template([{ type: 'text', text }]), f));
  const b = doc.blocks[0]!;
  return b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('').replace(/\.\/\.$/, '') : '';
}

describe('Vietnamese wording of figures', () => {
  it('numbers are vi-VN', () => {
    expect(formatNumber(509591)).toBe('509.591');
    expect(formatNumber(8.6999, 1)).toBe('8,7');
    expect(formatNumber(7, 1)).toBe('7,0');
    expect(formatNumber(118.6, 0, 'floor')).toBe('118');
    const f = figures({ COVID: { current: 509591 }, IND_EHR: { current: 99.3546 }, HIV: { current: 1 } }, {}, { IND_EHR: 2 });
    expect(say('Tổng {{value COVID}} liều, {{value IND_EHR}} %, {{value HIV pad=2}} ca', f)).toBe('Tổng 509.591 liều, 99,35 %, 01 ca');
  });

  it('comparisons with the same period, the previous one and the plan', () => {
    const f = figures(
      { MAL: { current: 36, lastYear: 12, previous: 40, ytd: 100, lastYearYtd: 100 }, EPI: { current: 307, ytd: 1480 }, FLU: { current: 235, lastYear: 235 }, X: { current: 96.8, lastYear: 100 } },
      { EPI: 3529 },
    );
    expect(say('{{vsLastYear MAL unit=ca}}', f)).toBe('tăng 24 ca so với cùng kỳ');
    expect(say('{{vsPrevious MAL unit=ca}}', f)).toBe('giảm 4 ca so với tháng trước');
    expect(say('{{vsLastYear FLU}}', f)).toBe('bằng cùng kỳ');
    expect(say('{{vsLastYear MAL basis=ytd}}', f)).toBe('bằng cùng kỳ');
    expect(say('{{changePct X}}', f)).toBe('giảm 3,2 %');
    expect(say('{{ofPlan EPI basis=period}}', f)).toBe('đạt 8,7 % kế hoạch');
    expect(say('{{pctPlan EPI}}', f)).toBe('41,9');
    expect(say('{{target EPI}}', f)).toBe('3.529');
  });

  it('missing data reads "chưa có số liệu", never 0, NaN or undefined', () => {
    const f = figures({ A: { current: 5, ytd: 20 }, Z: { current: 0 } });
    expect(say('{{value NONE}} ca; {{vsLastYear A}}; {{ofPlan A}}; {{changePct A}}', f)).toBe('chưa có số liệu ca; chưa có số liệu cùng kỳ; chưa có kế hoạch; chưa có số liệu để so sánh');
    expect(say('{{value Z zero="Không có ca ngộ độc"}}.', f)).toBe('Không có ca ngộ độc');
    expect(say('{{value Z}} ca', f)).toBe('0 ca');
  });

  it('periods, units and dates in words', () => {
    const f = figures({});
    expect(say('{{period}} · {{period style=title year=no}} · {{period of=next style=title}} · {{periodEnd}} · {{year}} · {{reportDate}}', f)).toBe(
      'tháng 5 năm 2024 · THÁNG 5 · THÁNG 6 NĂM 2024 · 31/5/2024 · 2024 · ngày 10 tháng 6 năm 2024',
    );
    const wording = (id: string) => {
      const r = parseRange(id)!;
      const { doc } = buildDocument({ ...ctxWith(template([{ type: 'text', text: '{{period}} → {{period of=next}} | {{period style=title}}' }]), f), range: r });
      const b = doc.blocks[0]!;
      return b.kind === 'paragraph' ? b.runs.map((x) => x.text).join('').replace(/\.\/\.$/, '') : '';
    };
    expect(wording('2024Q2')).toBe('quý II năm 2024 → quý III năm 2024 | QUÝ II NĂM 2024');
    expect(wording('2020S1')).toBe('6 tháng đầu năm 2020 → 6 tháng cuối năm 2020 | 6 THÁNG ĐẦU NĂM 2020');
    expect(wording('2022N9')).toBe('9 tháng đầu năm 2022 → quý IV năm 2022 | 9 THÁNG ĐẦU NĂM 2022');
    expect(wording('2023')).toBe('năm 2023 → năm 2024 | NĂM 2023');
    expect(say('{{unit}} ({{place upper=yes}}), thuộc {{parent}}', f)).toBe('Trung tâm Y tế huyện Hoằng Hóa (HOẰNG HÓA), thuộc Sở Y tế Thanh Hóa');
  });
});

describe('the document', () => {
  it('header, marks, free texts, "./." and recipients', () => {
    const t = template([
      { type: 'heading', level: 2, text: 'I. KẾT QUẢ' },
      { type: 'text', text: '* Tại trạm: **{{value A}}** lượt (*nhắc lại*).' },
      { type: 'free', key: 'proposals', label: 'Kiến nghị', default: 'Dân số {{value A}} người.' },
    ]);
    const f = figures({ A: { current: 7954 } });
    const c = ctxWith(t, f, { proposals: 'Đề nghị **hỗ trợ** kinh phí {{value A}};' });
    const { doc, figures: figs } = buildDocument(c);
    expect(doc.header).toEqual({ parentBody: 'SỞ Y TẾ THANH HÓA', issuingBody: 'TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA', number: `Số: ${'\u00a0'.repeat(6)}/BC-TTYT`, placeDate: 'Hoằng Hóa, ngày 10 tháng 6 năm 2024' });
    expect(doc.documentType).toBe('BÁO CÁO');
    expect(doc.summary).toEqual(['Kết quả tháng 5 năm 2024', 'và nhiệm vụ tháng 6 năm 2024']);
    expect(doc.blocks[1]).toEqual({
      kind: 'paragraph',
      runs: [{ text: '* Tại trạm: ' }, { text: '7.954', bold: true, figure: 'value:A' }, { text: ' lượt (' }, { text: 'nhắc lại', italic: true }, { text: ').' }],
    });
    // A user's text: marks count, braces are plain text; the body ends with "./.".
    expect(doc.blocks[2]).toEqual({ kind: 'paragraph', source: 'free', runs: [{ text: 'Đề nghị ' }, { text: 'hỗ trợ', bold: true }, { text: ' kinh phí {{value A}}' }, { text: './.' }] });
    expect(doc.recipients).toEqual(['Sở Y tế (B/c);', 'Lưu: VT.']);
    expect(doc.signature).toEqual({ authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signer: 'Lê Trọng Tiến' });
    expect(figs).toEqual([{ key: 'value:A', label: 'Tên A — thực hiện', value: 7954, text: '7.954' }]);
    expect(initialText('Dân số {{value A}} người.', c)).toBe('Dân số 7.954 người.');
  });

  it('a table of items with measures', () => {
    const t = template([
      { type: 'table', rows: 'items', items: [{ item: 'EPI', label: 'Tiêm chủng đầy đủ' }, { item: 'NONE' }], columns: [{ label: 'KH', measure: 'target' }, { label: 'TH', measure: 'value' }, { label: '% KH', measure: 'pctPlan' }, { label: 'So CK', measure: 'changePct' }] },
    ]);
    const { doc } = buildDocument(ctxWith(t, figures({ EPI: { current: 307, ytd: 1480, lastYear: 300 }, NONE: {} }, { EPI: 3529 })));
    expect(doc.blocks[0]).toEqual({
      kind: 'table',
      header: ['Chỉ tiêu', 'KH', 'TH', '% KH', 'So CK'],
      rows: [{ cells: ['Tiêm chủng đầy đủ', '3.529', '307', '41,9', '+2,3'] }, { cells: ['Tên NONE', '–', '–', '–', '–'] }],
    });
  });
});

describe('task blocks', () => {
  const unit = (code: string, name: string) => ({ id: code, code, name });
  const HH = unit('TTYT399', 'Trung tâm Y tế huyện Hoằng Hóa');
  const TP = unit('TTYT380', 'Trung tâm Y tế thành phố Thanh Hóa');
  let n = 0;
  const task = (over: Partial<TaskItem>): TaskItem => ({
    id: `t${++n}`, kind: 'task', document: { id: 'd', kind: 'conclusion_notice', number: '186/TB-SYT', date: '2024-01-10', title: null },
    parentId: null, seriesId: null, period: null, item: String(n), content: `Nhiệm vụ ${n}`, output: null, lead: HH, collective: null, cooperating: [],
    assignerUnit: unit('SYT38', 'Sở Y tế Thanh Hóa'), status: 'assigned', state: 'inProgress', dueSoon: false, deadline: '2024-05-20', originalDeadline: null,
    ongoing: false, recurrence: null, progress: 0, completedOn: null, daysOverdue: null, children: null, pendingExtension: null, version: 1, ...over,
  });
  const tasks = [
    task({ content: 'Rà soát hợp đồng KCB BHYT', status: 'done', state: 'doneOnTime', deadline: '2024-05-10', completedOn: '2024-05-08' }),
    task({ content: 'Xây dựng kế hoạch', status: 'done', state: 'doneLate', deadline: '2024-05-03', completedOn: '2024-05-13', daysOverdue: 10, lead: TP }),
    task({ content: 'Báo cáo tháng', period: '202405', deadline: '2024-06-07', originalDeadline: '2024-05-31', status: 'submitted' }),
    task({ content: 'Kiểm tra an toàn thực phẩm', deadline: '2024-05-15', state: 'overdue', daysOverdue: 16, lead: TP }),
    task({ content: 'Tham mưu kinh phí', deadline: null, state: 'noDeadline', ongoing: true }),
  ];
  const set = (list: TaskItem[], byUnit: TaskSet['byUnit'] = []): TaskSet => ({ tasks: list, counts: countTasks(list), byUnit, truncated: false });
  const build = (blocks: TemplateDefinition['blocks'], sets: [string, TaskSet][]) =>
    buildDocument({ ...ctxWith(template(blocks), figures({})), tasks: new Map(sets) as BuildContext['tasks'] });

  it('counts: one sentence with vi-VN numbers, each number a figure', () => {
    const { doc, figures: figs } = build([{ type: 'tasks', view: 'counts', source: 'led', when: 'period' }], [['led:period', set(tasks)]]);
    const b = doc.blocks[0]!;
    expect(b.kind === 'paragraph' && b.runs.map((r) => r.text).join('')).toBe(
      'Tổng số 5 nhiệm vụ; đã hoàn thành đúng hạn 1 (20,0 %), hoàn thành quá hạn 1; đang thực hiện trong hạn 1; quá hạn chưa hoàn thành 1; không thời hạn 1./.',
    );
    expect(figs.find((f) => f.key === 'tasks:led:period:overdue')).toMatchObject({ value: 1, label: 'Nhiệm vụ chủ trì trong kỳ — quá hạn chưa hoàn thành' });
    const many = Array.from({ length: 1234 }, () => task({ state: 'doneOnTime', status: 'done', completedOn: '2024-05-01' }));
    const big = build([{ type: 'tasks', view: 'counts', source: 'led', when: 'period' }], [['led:period', set([...many, ...tasks])]]).doc.blocks[0]!;
    expect(big.kind === 'paragraph' && big.runs.map((r) => r.text).join('')).toContain('Tổng số 1.239 nhiệm vụ; đã hoàn thành đúng hạn 1.235 (99,7 %)');
  });

  it('list: STT, content, lead, deadline (extended ones say so), result', () => {
    const { doc } = build([{ type: 'tasks', title: 'Nhiệm vụ có thời hạn trong {{period of=next}}', view: 'list', source: 'assigned', when: 'next' }], [['assigned:next', set(tasks)]]);
    const b = doc.blocks[0]!;
    expect(b.kind).toBe('table');
    if (b.kind !== 'table') return;
    expect(b.title).toBe('Nhiệm vụ có thời hạn trong tháng 6 năm 2024');
    expect(b.header).toEqual(['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả']);
    expect(b.rows.map((r) => r.cells)).toEqual([
      ['1', 'Rà soát hợp đồng KCB BHYT', 'Trung tâm Y tế huyện Hoằng Hóa', '10/05/2024', 'Hoàn thành đúng hạn (hoàn thành ngày 08/05/2024)'],
      ['2', 'Xây dựng kế hoạch', 'Trung tâm Y tế thành phố Thanh Hóa', '03/05/2024', 'Hoàn thành quá hạn (hoàn thành ngày 13/05/2024, chậm 10 ngày)'],
      ['3', 'Báo cáo tháng (kỳ tháng 5 năm 2024)', 'Trung tâm Y tế huyện Hoằng Hóa', '07/06/2024 (gia hạn từ 31/05/2024)', 'Đang thực hiện trong hạn (đã báo cáo, chờ xác nhận)'],
      ['4', 'Kiểm tra an toàn thực phẩm', 'Trung tâm Y tế thành phố Thanh Hóa', '15/05/2024', 'Quá hạn chưa hoàn thành (quá hạn 16 ngày)'],
      ['5', 'Tham mưu kinh phí', 'Trung tâm Y tế huyện Hoằng Hóa', 'Không thời hạn', 'Không thời hạn (đang thực hiện)'],
    ]);
    expect(b.columns?.map((c) => c.align)).toEqual(['center', 'left', 'left', 'center', 'left']);
  });

  it('summary: per child unit with a total row (led, period); per lead unit otherwise', () => {
    const c = (x: Partial<TaskSet['counts']>) => ({ total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0, ...x });
    const byUnit = [{ unit: HH, counts: c({ total: 3, doneOnTime: 1, inProgress: 1, noDeadline: 1 }) }, { unit: TP, counts: c({ total: 2, doneLate: 1, overdue: 1 }) }];
    const { doc } = build([{ type: 'tasks', view: 'summary', source: 'led', when: 'period' }], [['led:period', set(tasks, byUnit)]]);
    const b = doc.blocks[0]!;
    if (b.kind !== 'table') throw new Error('a table');
    expect(b.header).toEqual(['Đơn vị', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn chưa hoàn thành', 'Không thời hạn']);
    expect(b.rows).toEqual([
      { cells: ['Trung tâm Y tế huyện Hoằng Hóa', '3', '1', '0', '1', '0', '1'] },
      { cells: ['Trung tâm Y tế thành phố Thanh Hóa', '2', '0', '1', '0', '1', '0'] },
      { cells: ['Tổng cộng', '5', '1', '1', '1', '1', '1'], total: true },
    ]);
    // The unit's own tasks (led by the report's unit itself) get a row of their own.
    const own = build([{ type: 'tasks', view: 'summary', source: 'led', when: 'period' }], [['led:period', set(tasks, byUnit.slice(0, 1))]]).doc.blocks[0]!;
    expect(own.kind === 'table' && own.rows.map((r) => r.cells[0])).toEqual(['Trung tâm Y tế huyện Hoằng Hóa', 'Trung tâm Y tế huyện Hoằng Hóa', 'Tổng cộng']);
    const byLead = build([{ type: 'tasks', view: 'summary', source: 'assigned', when: 'next' }], [['assigned:next', set(tasks)]]).doc.blocks[0]!;
    expect(byLead.kind === 'table' && byLead.rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['Trung tâm Y tế huyện Hoằng Hóa', '3'],
      ['Trung tâm Y tế thành phố Thanh Hóa', '2'],
      ['Tổng cộng', '5'],
    ]);
  });

  it('no tasks: "Không có nhiệm vụ trong kỳ." in italics, marked missing, after the title', () => {
    const { doc } = build(
      [
        { type: 'tasks', title: 'Nhiệm vụ kỳ tới', view: 'list', source: 'assigned', when: 'next' },
        { type: 'tasks', view: 'counts', source: 'led', when: 'period' },
      ],
      [['led:period', set([])]],
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Nhiệm vụ kỳ tới', bold: true }] },
      { kind: 'paragraph', runs: [{ text: 'Không có nhiệm vụ trong kỳ.', italic: true, missing: true }] },
      { kind: 'paragraph', runs: [{ text: 'Không có nhiệm vụ trong kỳ', italic: true, missing: true }, { text: './.' }] },
    ]);
  });

  it('the block is part of the template language', () => {
    const ok = templateDefinitionSchema.safeParse({ ...template([{ type: 'text', text: 'x' }]), blocks: [{ type: 'tasks', view: 'summary', source: 'assigned', when: 'next' }] });
    expect(ok.success).toBe(true);
    const bad = templateDefinitionSchema.safeParse({ ...template([{ type: 'text', text: 'x' }]), blocks: [{ type: 'tasks', view: 'chart', source: 'led', when: 'period' }] });
    expect(bad.success).toBe(false);
  });
});

describe('template text errors carry their position', () => {
  const err = (text: string) => {
    try {
      parseText(text);
    } catch (e) {
      if (e instanceof TemplateTextError) return e.error;
      throw e;
    }
    return null;
  };
  it('reports unknown functions, options, values, unclosed braces and missing items', () => {
    expect(err('Số ca {{valu X}}')).toEqual({ pos: 9, key: 'reports.expr.unknownFunction', params: { name: 'valu' } });
    expect(err('{{value X colour=red}}')).toMatchObject({ pos: 11, key: 'reports.expr.unknownOption' });
    expect(err('{{ofPlan X basis=month}}')).toMatchObject({ pos: 12, key: 'reports.expr.badOption', params: { allowed: 'period, ytd' } });
    expect(err('a\nb {{value X')).toMatchObject({ pos: 5, key: 'reports.expr.unclosed' });
    expect(err('{{value}}')).toMatchObject({ key: 'reports.expr.missingItem' });
    expect(err('{{unit X}}')).toMatchObject({ key: 'reports.expr.unexpected' });
    expect(err('{{value X-Y}}')).toMatchObject({ key: 'reports.expr.badItem' });
    expect(err('a }} b')).toMatchObject({ pos: 3, key: 'reports.expr.unopened' });
    expect(err('{{value X zero="Không có ca nào"}}')).toBeNull();
  });
});

describe('honest wording (issue: completeness, missing data, padding, remainders, dates)', () => {
  const station = (id: string, name: string, reported: number) => ({ id, name, expected: 1, reported });
  /** 5 of 8 stations reported: 62,5 %, below the 90 % threshold. */
  const partial: Completeness = {
    expected: 8,
    reported: 5,
    units: [
      station('S1', 'Trạm Y tế xã A', 0), station('S2', 'Trạm Y tế xã B', 0), station('S3', 'Trạm Y tế xã C', 0),
      ...['D', 'E', 'G', 'H', 'K'].map((x, i) => station(`T${i}`, `Trạm Y tế xã ${x}`, 1)),
    ],
    oneFormEach: true,
    noun: 'trạm y tế',
    threshold: 90,
  };
  const sayWith = (text: string, f: Figures, completeness: Completeness | null) => {
    const { doc } = buildDocument({ ...ctxWith(template([{ type: 'text', text }]), f), completeness });
    return doc.blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : '')).join('\n').replace(/\.\/\.$/, '');
  };

  it('a partial total is not compared: the completeness sentence names the missing units first', () => {
    const f = figures({ VIS: { current: 5000, lastYear: 7834, previous: 7000, ytd: 20000 }, HIV: { current: 120, lastYear: 190 } }, { VIS: 90000 });
    const text = sayWith('Số lượt khám {{value VIS unit="lượt"}}, {{vsLastYear VIS unit="lượt"}}, {{vsPrevious VIS}}, {{changePct VIS}}, {{ofPlan VIS}}. HIV {{value HIV before="là" unit="người"}}, {{vsLastYear HIV unit="người"}}.', f, partial);
    const [first, second] = text.split('\n');
    expect(first).toBe(
      'Tháng 5/2024 có 5/8 trạm y tế đã báo cáo; chưa báo cáo: Trạm Y tế xã A, Trạm Y tế xã B, Trạm Y tế xã C. Do tỷ lệ báo cáo dưới 90 %, các số liệu tổng hợp chỉ gồm các đơn vị đã báo cáo và chưa được so sánh với cùng kỳ, kỳ trước và kế hoạch.',
    );
    // The stock (people living with HIV, the month's last value) is the total of the stations that
    // reported; compared, the missing stations would look like a drop of 70 people.
    expect(second).toBe(
      'Số lượt khám 5.000 lượt, chưa so sánh được do mới có 5/8 trạm y tế báo cáo, chưa so sánh được do mới có 5/8 trạm y tế báo cáo, chưa so sánh được do mới có 5/8 trạm y tế báo cáo, chưa so sánh được với kế hoạch do mới có 5/8 trạm y tế báo cáo. HIV là 120 người, chưa so sánh được do mới có 5/8 trạm y tế báo cáo',
    );
    expect(text).not.toMatch(/(tăng|giảm) \d/);
    // Above the threshold the comparison is made, and the sentence still names who is missing.
    const most = { ...partial, reported: 7, units: partial.units.map((u, i) => ({ ...u, reported: i === 0 ? 0 : 1 })), expected: 8, threshold: 80 };
    const ok = sayWith('Số lượt khám {{vsLastYear VIS unit="lượt"}}.', f, most);
    expect(ok).toBe('Tháng 5/2024 có 7/8 trạm y tế đã báo cáo; chưa báo cáo: Trạm Y tế xã A.\nSố lượt khám giảm 2.834 lượt so với cùng kỳ');
    // Complete data: no sentence unless the template asks for it with {{completeness}}.
    const all = { ...partial, reported: 8, units: partial.units.map((u) => ({ ...u, reported: 1 })) };
    expect(sayWith('Số lượt khám {{vsLastYear VIS unit="lượt"}}.', f, all)).toBe('Số lượt khám giảm 2.834 lượt so với cùng kỳ');
    expect(sayWith('{{completeness}}', f, all)).toBe('Tháng 5/2024 cả 8/8 trạm y tế đã báo cáo');
  });

  it('tables withhold comparison columns of a partial total', () => {
    const t = template([
      { type: 'table', rows: 'items', items: [{ item: 'VIS', label: 'Lượt khám' }], columns: [{ label: 'Thực hiện', measure: 'value' }, { label: 'So cùng kỳ', measure: 'changePct' }, { label: '+/-', measure: 'changeLastYear' }, { label: '% KH', measure: 'pctPlan' }] },
    ]);
    const f = figures({ VIS: { current: 5000, lastYear: 7834, ytd: 20000 } }, { VIS: 90000 });
    const { doc } = buildDocument({ ...ctxWith(t, f), completeness: partial });
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows[0]!.cells : []).toEqual(['Lượt khám', '5.000', '–', '–', '–']);
  });

  it('missing data: whole sentences, and a missing part is never counted as 0', () => {
    const f = figures({ FLU: {}, POP: {}, PCT: {}, RATIO: {}, B: { current: 140, lastYear: 178 }, 'B.MALE': { current: 140, lastYear: 90 }, 'B.FEMALE': { lastYear: 88 } });
    const text = say(
      'Bệnh cúm thường {{value FLU before="là" unit="bệnh nhân"}}. Dân số {{value POP unit="người"}}. Tỷ lệ {{value PCT decimals=1 before="đạt" unit="%"}}. Tỷ số nam/nữ {{value RATIO before="là" unit="/100"}}. Tổng số trẻ sinh {{value B before="là" unit="trẻ" parts="B.MALE,B.FEMALE"}} (trẻ nam {{value B.MALE}}, trẻ gái {{value B.FEMALE}}), {{vsLastYear B unit="trẻ" parts="B.MALE,B.FEMALE"}}.',
      f,
    );
    expect(text).toBe(
      'Bệnh cúm thường chưa có số liệu. Dân số chưa có số liệu. Tỷ lệ chưa có số liệu. Tỷ số nam/nữ chưa có số liệu. Tổng số trẻ sinh chưa có số liệu (trẻ nam 140, trẻ gái chưa có số liệu), chưa có số liệu để so sánh',
    );
    expect(text).not.toMatch(/là chưa có số liệu|chưa có số liệu ?[%/]|giảm/);
    const full = figures({ FLU: { current: 235 }, RATIO: { current: 118.6 }, PCT: { current: 0 } });
    expect(say('Bệnh cúm thường {{value FLU before="là" unit="bệnh nhân"}}; nam/nữ {{value RATIO decimals=0 round=floor before="là" unit="/100"}}; {{value PCT zero="không có" unit="trường hợp"}} mắc.', full)).toBe(
      'Bệnh cúm thường là 235 bệnh nhân; nam/nữ là 118/100; không có trường hợp mắc',
    );
  });

  it('one sentence, one way of writing numbers; breakdowns add up with "khác"', () => {
    const f = figures({ T: { current: 6 }, 'T.A': { current: 2 }, 'T.B': { current: 3 }, U: { current: 22 }, 'U.D': { current: 5 }, 'U.N': { current: 17 } });
    expect(say('Trên đại học: {{value T pad=2 unit="cán bộ"}} (Thạc sỹ {{value T.A pad=2}}; CKI {{value T.B}}{{rest T minus="T.A,T.B" before="; khác" pad=2}}). Bác sỹ {{value T.B}}.', f)).toBe(
      'Trên đại học: 06 cán bộ (Thạc sỹ 02; CKI 03; khác 01). Bác sỹ 3',
    );
    // Nothing left over: no "khác"; a missing part: no remainder claimed.
    expect(say('Đại học: {{value U}} (Bác sỹ {{value U.D pad=2}}; Điều dưỡng {{value U.N}}{{rest U minus="U.D,U.N" before="; khác"}}).', f)).toBe('Đại học: 22 (Bác sỹ 05; Điều dưỡng 17)');
    expect(say('{{value U}} ({{rest U minus="U.D,U.X" before="khác"}})', f)).toBe('22 ()');
  });

  it('a report with no date yet is dated the day it is written, never before its period ends', () => {
    const f = figures({});
    const place = (period: string, generatedAt: string) => {
      const c = { ...ctxWith(template([{ type: 'text', text: '{{reportDate}}' }]), f), range: parseRange(period)!, generatedAt };
      c.report = { ...c.report, issuedOn: null };
      return { line: buildDocument(c).doc.header.placeDate, date: say('{{reportDate}}', f) && buildDocument(c).doc.blocks[0] };
    };
    expect(place('202412', '2025-01-08T02:00:00Z').line).toMatch(/năm 2025$/);
    expect(place('202412', '2024-12-31T02:00:00Z').line).toMatch(/năm 2024$/);
    expect(place('202405', '2026-12-06T02:00:00Z').line).toMatch(/năm 2024$/);
    const block = place('202412', '2025-01-08T02:00:00Z').date;
    expect(block && block.kind === 'paragraph' ? block.runs[0]!.text : '').toBe('ngày … tháng … năm 2025');
  });

  it('the 6-month review judges the plan as seed 004 does, naming the lagging targets', () => {
    const f = figures(
      { EPI: { current: 60 }, MEA: { current: 55 }, ANC: { current: 30 }, OPD: { current: 70 }, NOPLAN: { current: 5 } },
      { EPI: 100, MEA: 100, ANC: 100, OPD: 100 },
    );
    const c = { ...ctxWith(template([{ type: 'text', text: '{{planJudgement items="EPI,MEA,ANC,OPD,NOPLAN"}}' }]), f), range: parseRange('2024S1')! };
    const b = buildDocument(c).doc.blocks[0]!;
    expect(b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : '').toBe(
      'Hầu hết các chỉ tiêu đạt và vượt tiến độ kế hoạch: 3/4 chỉ tiêu có kế hoạch đạt từ 50 % kế hoạch năm trở lên; các chỉ tiêu đạt thấp: tên ANC (30,0 %)./.',
    );
    const none = buildDocument({ ...c, figures: figures({ EPI: { current: 40 }, ANC: { current: 30 } }, { EPI: 100, ANC: 100 }), template: template([{ type: 'text', text: '{{planJudgement items="EPI,ANC"}}' }]) }).doc.blocks[0]!;
    expect(none.kind === 'paragraph' ? none.runs.map((r) => r.text).join('') : '').toBe(
      'Các chỉ tiêu đều chưa đạt tiến độ kế hoạch (dưới 50 % kế hoạch năm): tên ANC (30,0 %); tên EPI (40,0 %)./.',
    );
    const all = buildDocument({ ...c, figures: figures({ EPI: { current: 60 } }, { EPI: 100 }), template: template([{ type: 'text', text: '{{planJudgement items="EPI"}}' }]) }).doc.blocks[0]!;
    expect(all.kind === 'paragraph' ? all.runs[0]!.text : '').toMatch(/^Các chỉ tiêu đều đạt và vượt tiến độ kế hoạch/);
    const withheld = buildDocument({ ...c, completeness: { ...partial, units: partial.units } }).doc.blocks.map((x) => (x.kind === 'paragraph' ? x.runs.map((r) => r.text).join('') : '')).join('\n');
    expect(withheld).toContain('Chưa đánh giá được mức độ hoàn thành kế hoạch do mới có 5/8 trạm y tế báo cáo.');
  });
});

describe('plan phrases in whole sentences', () => {
  it('"% kế hoạch năm" keeps its word; a withheld or missing comparison does not leave it dangling', () => {
    const f = figures({ EPI: { current: 307, ytd: 1480 }, NONE: {} }, { EPI: 3529, NONE: 100 });
    expect(say('Cộng dồn {{ytd EPI}} trẻ, {{ofPlan EPI unit="năm"}}.', f)).toBe('Cộng dồn 1.480 trẻ, đạt 41,9 % kế hoạch năm');
    expect(say('Số trẻ {{value NONE before="là" unit="trẻ"}} {{ofPlan NONE basis=period}}.', f)).toBe('Số trẻ chưa có số liệu');
  });
});
