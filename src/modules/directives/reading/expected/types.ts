// The shape of a hand-written expected task list: what an office clerk of the Department reads in a
// seed notice, task by task. Several tasks of one item (a paragraph naming several leads) share the item
// label and are told apart by their order.
import type { RecurrencePeriod } from '../deadlines.js';

export interface ExpectedTask {
  /** The item as the reading labels it: '4', '4.1', 'III.5', '2.9', '*' (an unnumbered heading). */
  item: string;
  /** What the task asks, in a few words (for the reader of the test; not compared). */
  what: string;
  /** Unit codes of the demo tree; 'ext:<name>' for a health body outside it (Phòng Y tế). */
  lead: string[];
  cooperating: string[];
  /** YYYY-MM-DD, or null when the words give none. */
  deadline: string | null;
  /** "thường xuyên": no deadline by nature. */
  ongoing?: boolean;
  recurrence?: RecurrencePeriod[];
}
