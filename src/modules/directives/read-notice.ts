// Reading a pasted notice into proposals (reading/notice.ts) for the parse endpoint: the header and
// the tasks, with the units of soyte its names match, each with the words it came from.
import type { ParseResult } from './directives.contract.js';
import type { UnitRow } from './directives.repo.js';
import { parseNotice } from './reading/notice.js';

export interface ReadOptions {
  /** Units open on the document's date, within the reader's scope. */
  units: readonly UnitRow[];
  /** The document's date when the text does not give it. */
  date: string | null;
  /** Other names of units (the demo's stand-ins for another province's units): phrase → unit id. */
  aliases?: Readonly<Record<string, string>>;
}

export function readNotice(text: string, opts: ReadOptions): ParseResult {
  const units = opts.units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id }));
  const p = parseNotice(text, { units, docDate: opts.date ?? undefined, aliases: opts.aliases });
  return {
    document: {
      kind: p.document.kind,
      number: p.document.number,
      date: p.document.date ?? opts.date,
      issuer: p.document.issuer,
      signer: p.document.signer,
      title: null,
      meeting: p.document.meeting,
    },
    tasks: p.tasks.map((t) => {
      // A lead named by a collective phrase ("các Trung tâm Y tế") labels the group of its tasks.
      const collective = t.unitQuotes.find((q) => q.role === 'lead' && q.units.length > 1)?.quote ?? null;
      return {
        item: t.item,
        content: t.content,
        quote: t.quote,
        quoteStart: t.quoteStart,
        quoteEnd: t.quoteEnd,
        lead: t.lead,
        cooperating: t.cooperating,
        collective,
        deadline: t.deadline,
        deadlineQuote: t.deadlineQuote,
        ongoing: t.ongoing,
        recurrence: t.recurrence && { period: t.recurrence.period, periods: t.recurrence.periods, day: t.recurrence.dayOfPeriod, quote: t.recurrence.quote },
        output: t.output,
      };
    }),
    highlights: p.highlights.map((h) => ({ start: h.start, end: h.end, kind: h.kind })),
    text: p.text,
  };
}
