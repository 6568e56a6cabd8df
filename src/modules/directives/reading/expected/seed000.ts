// Seed 000 (Quảng Ninh, 10/2022): conclusions of the Director of Health after the 9-month review of the
// commune stations. Read by hand: one task per lead within an item; objects ("chỉ đạo các Trạm Y tế",
// "hướng dẫn Trung tâm Y tế …", "báo cáo Sở Y tế") are not leads; "Trung tâm Y tế TP. Hạ Long/Cẩm Phả"
// are Quảng Ninh's, played by the demo's stand-ins (standins.ts).
import { DEMO } from '../demo-units.js';
import type { ExpectedTask } from './types.js';

const { centres, stations } = DEMO;
const PYT = 'ext:Phòng Y tế';

export const SEED_000_DATE = '2022-10-22'; // the conference; the notice bears no date of its own

export const SEED_000: ExpectedTask[] = [
  // "yêu cầu các cơ quan, đơn vị tuyệt đối không được chủ quan …; Duy trì tiêm chủng …, phân đầu đến hết 31/12/2022 …"
  { item: '1', what: 'no let-up in epidemic prevention; COVID-19 vaccination, +140,000 doses by 31/12/2022; national targets', lead: [], cooperating: [], deadline: '2022-12-31' },
  { item: '2', what: 'submit to the People’s Council the support policy for rotating doctors; schemes to attract staff', lead: [], cooperating: [], deadline: null },
  { item: '3', what: 'staffing of stations, appointing heads, practising certificates, allowances (with Phòng Y tế)', lead: centres, cooperating: [PYT], deadline: null },
  { item: '4.1', what: 'review the stations’ list of techniques and their eligibility for primary insurance care; report', lead: centres, cooperating: [], deadline: null },
  { item: '4.1', what: 'TTYT TP. Hạ Long: single signatory of the stations’ insurance contracts; report by 05/11/2022', lead: ['TTYT380'], cooperating: [], deadline: '2022-11-05' },
  { item: '4.2', what: 'TTYT TP. Cẩm Phả: complete the polyclinic licence dossier', lead: ['TTYT382'], cooperating: [], deadline: null },
  { item: '4.3', what: 'inspect village and school health', lead: [], cooperating: [], deadline: null },
  { item: '4.4', what: 'speed up immunisation and national programmes', lead: [], cooperating: [], deadline: null },
  { item: '4.5', what: 'stations: advise the commune on private practice, food safety, spas', lead: stations, cooperating: [], deadline: null },
  { item: '4.6', what: 'centre directors: direct the stations; report difficulties to the Department', lead: centres, cooperating: [], deadline: null },
  { item: '5.1', what: 'speed up the dossiers for repairing and building stations', lead: [], cooperating: [], deadline: null },
  { item: '5.1', what: 'centres: land-use rights and land for stations and headquarters', lead: centres, cooperating: [], deadline: null },
  { item: '5.2', what: 'prepare the procurement of station equipment', lead: [], cooperating: [], deadline: null },
  { item: '5.2', what: 'centres and stations: equipment register, inventory, calibration, liquidation, missing list, transfers', lead: [...centres, ...stations], cooperating: [], deadline: null },
  { item: '5.3', what: 'KH-TC: guide the centres’ purchases of office equipment', lead: [DEMO.office('KHTC')], cooperating: [], deadline: null },
  { item: '5.4', what: 'centres: 2023 recurrent budget, report to the Department', lead: centres, cooperating: [], deadline: null },
  { item: '6', what: 'stations: software review, digital signatures, citizen ID, vaccination data, cashless payment', lead: stations, cooperating: [], deadline: null },
  { item: '7', what: 'CDC and provincial units: technical supervision of lower levels', lead: [DEMO.cdc, ...DEMO.hospitals], cooperating: [], deadline: null },
  { item: '7', what: 'stations: apply the supervision’s guidance', lead: stations, cooperating: [], deadline: null },
  { item: '8', what: 'Phòng Y tế and stations: review loudspeakers, panels, signs', lead: [PYT, ...stations], cooperating: [], deadline: null },
  { item: '8', what: 'CDC with the centres: assess each locality’s communication; programmes with the communication centre', lead: [DEMO.cdc], cooperating: centres, deadline: null },
  { item: '9', what: 'discipline, thrift, anti-corruption; review epidemic funds regularly', lead: [], cooperating: [], deadline: null, ongoing: true },
  { item: '10', what: 'centre directors: action plan, disseminate; report by 28/10/2022', lead: centres, cooperating: [], deadline: '2022-10-28' },
];
