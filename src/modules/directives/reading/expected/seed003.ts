// Seed 003 (Đồng Nai, 2022): the Director's instructions implementing a Vice-Chairman's conclusions,
// addressed to the Department's offices and its hospitals and centres. Each item names its lead ("Giao …
// chủ trì, phối hợp …"), which its bullets inherit. "Phòng Nghiệp vụ" is Đồng Nai's; the demo's medical
// office stands in (standins.ts). "phòng chuyên môn Sở" are the other offices.
import { DEMO } from '../demo-units.js';
import type { ExpectedTask } from './types.js';

const KHTC = DEMO.office('KHTC');
const VP = DEMO.office('VP');
const NVY = DEMO.office('NVY');
const otherOffices = (lead: string) => DEMO.offices.filter((c) => c !== lead);

export const SEED_003_DATE = '2022-07-08'; // the UBND notice it implements; the letter bears no date of its own

export const SEED_003: ExpectedTask[] = [
  { item: '1.1', what: 'review rules for stations; build 56, renovate 46, equip 20 stations with Sở KH-ĐT and districts', lead: [KHTC], cooperating: [VP, NVY], deadline: null },
  { item: '1.2', what: 'carry out the grassroots health scheme 2022-2030 once approved', lead: [KHTC], cooperating: [VP, NVY], deadline: null },
  { item: '1.3', what: 'gather hospitals’ and centres’ infrastructure and equipment needs; advise the People’s Committee', lead: [KHTC], cooperating: [VP, NVY], deadline: null },
  { item: '1.4', what: 'advise on the population programme and epidemic budgets', lead: [KHTC], cooperating: [VP, NVY], deadline: null },
  { item: '2.1', what: 'gather staffing and allowance difficulties; study other provinces’ policies; advise', lead: [VP], cooperating: otherOffices(VP), deadline: null },
  { item: '2.2', what: 'IT in daily work; share out the work to ease the load', lead: [VP], cooperating: otherOffices(VP), deadline: null },
  { item: '3', what: 'update vaccination data; report COVID-19 vaccination figures to the Ministry', lead: [NVY], cooperating: [], deadline: null },
  { item: '4', what: 'report shortcomings and violations to the People’s Committee', lead: [DEMO.office('TTRA')], cooperating: [], deadline: null },
  {
    item: '5',
    what: 'hospitals and centres: monthly, quarterly, 6-, 9-month and annual reports with difficulties and proposals',
    lead: [...DEMO.hospitals, ...DEMO.centres],
    cooperating: [],
    deadline: null,
    recurrence: ['MONTHLY', 'QUARTERLY', 'SIXMONTHLY', 'NINEMONTHS', 'YEARLY'],
  },
];
