// Seed 002 (a provincial Party committee, 9/2016): conclusions of its Standing Committee after a working
// session with the Department of Health. Item 1 assesses (no tasks); item 2's points 1- to 9- are the
// Department's tasks (the session was "làm việc với Sở Y tế": the notice is addressed to it); the
// paragraph after "* Đối với các kiến nghị, đề xuất" is a separate request with its own deadline.
import { DEMO } from '../demo-units.js';
import type { ExpectedTask } from './types.js';

const SYT = [DEMO.department];

export const SEED_002_DATE = '2016-09-08'; // the working session; the notice bears no date of its own

export const SEED_002: ExpectedTask[] = [
  { item: '2.1', what: 'the sector’s targets of the 13th provincial Party congress', lead: SYT, cooperating: [], deadline: null },
  { item: '2.2', what: 'review sector plans; hospital, satellite-hospital, waste and workforce schemes', lead: SYT, cooperating: [], deadline: null },
  { item: '2.3', what: 'preventive medicine, national programmes, infection control', lead: SYT, cooperating: [], deadline: null },
  { item: '2.4', what: 'medical ethics and the code of conduct', lead: SYT, cooperating: [], deadline: null },
  { item: '2.5', what: 'national commune health criteria; hospital autonomy; quality under Chỉ thị 06/CT-BYT', lead: SYT, cooperating: [], deadline: null },
  { item: '2.6', what: 'facilities and equipment; reallocate capital; 2017 plan and budget', lead: SYT, cooperating: [], deadline: null },
  { item: '2.7', what: 'state management of drugs tendering, supplements, cosmetics; food safety; health insurance', lead: SYT, cooperating: [], deadline: null },
  { item: '2.8', what: 'democracy at work; follow and report issues; complaints', lead: SYT, cooperating: [], deadline: null },
  { item: '2.9', what: 'administrative reform, IT, heads’ responsibility, staff evaluation and planning', lead: SYT, cooperating: [], deadline: null },
  { item: '*', what: 'gather the units’ proposals, settle or advise; report to the Standing Committee by 8/10/2016', lead: SYT, cooperating: [], deadline: '2016-10-08' },
];
