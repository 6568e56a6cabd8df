// Seed 004 (Lai Châu, 7/2020): conclusions of the 6-month review conference. Sections I (results) and II
// (shortcomings) assess and hold no task; section III's ten items are the tasks "TRONG 6 THÁNG CUỐI NĂM
// 2020" (by 31/12/2020 unless the item says otherwise). Only item 5 names its leads.
import { DEMO } from '../demo-units.js';
import type { ExpectedTask } from './types.js';

const END = '2020-12-31';

export const SEED_004_DATE = '2020-07-08'; // the conference; the notice's own date has no day ("ngày tháng 7 năm 2020")

export const SEED_004: ExpectedTask[] = [
  { item: 'III.1', what: 'COVID-19, malaria, rabies prevention', lead: [], cooperating: [], deadline: END },
  { item: 'III.2', what: 'reach the 2020 targets, immunisation first', lead: [], cooperating: [], deadline: END },
  { item: 'III.3', what: 'treatment quality; new services', lead: [], cooperating: [], deadline: END },
  { item: 'III.4', what: 'training and transfer of techniques to the grassroots', lead: [], cooperating: [], deadline: END },
  { item: 'III.5', what: 'three schemes to the People’s Committee, before October 2020', lead: [DEMO.office('KHTC'), DEMO.office('NVY'), DEMO.cdc], cooperating: [], deadline: '2020-09-30' },
  { item: 'III.6', what: 'administrative reform, licences', lead: [], cooperating: [], deadline: END },
  { item: 'III.7', what: 'inspection, private practice', lead: [], cooperating: [], deadline: END },
  { item: 'III.8', what: 'grassroots health scheme', lead: [], cooperating: [], deadline: END },
  { item: 'III.9', what: 'communes meeting the national health criteria', lead: [], cooperating: [], deadline: END },
  { item: 'III.10', what: 'financial management, revenue and spending', lead: [], cooperating: [], deadline: END },
];
