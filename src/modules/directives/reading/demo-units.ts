// A small province in the shape of the demo's tree (orgunits/bootstrap/plan.ts for Thanh Hóa, GSO 38):
// the same codes and names, a few health centres and stations instead of 26 and 547, and the
// department's offices as the org-unit seeding creates them. The reading's tests and measure use it.
import { DEPARTMENT_OFFICES, officeCode } from './offices.js';
import type { UnitEntry } from './units.js';

const DEPARTMENT = 'SYT38';
const id = (code: string) => `u-${code.toLowerCase()}`;
const unit = (code: string, name: string, kind: string, parent: string | null): UnitEntry => ({
  id: id(code),
  code,
  name,
  kind,
  parentId: parent === null ? null : id(parent),
});

const CENTRES: [string, string][] = [
  ['TTYT380', 'Trung tâm Y tế thành phố Thanh Hóa'],
  ['TTYT381', 'Trung tâm Y tế thị xã Bỉm Sơn'],
  ['TTYT382', 'Trung tâm Y tế thành phố Sầm Sơn'],
  ['TTYT399', 'Trung tâm Y tế huyện Hoằng Hóa'],
];

const STATIONS: [string, string, string][] = [
  ['TYT14755', 'Trạm Y tế phường Hàm Rồng', 'TTYT380'],
  ['TYT14764', 'Trạm Y tế phường Trường Thi', 'TTYT380'],
  ['TYT14830', 'Trạm Y tế phường Trung Sơn', 'TTYT382'],
  ['TYT15877', 'Trạm Y tế xã Hoằng Xuân', 'TTYT399'],
  ['TYT15961', 'Trạm Y tế xã Hoằng Lộc', 'TTYT399'],
];

/** The demo-shaped units, parents before children. */
export function demoUnits(): UnitEntry[] {
  return [
    unit(DEPARTMENT, 'Sở Y tế Thanh Hóa', 'department', null),
    ...DEPARTMENT_OFFICES.map((o) => unit(officeCode(DEPARTMENT, o.suffix), o.name, 'office', DEPARTMENT)),
    unit('BVDK38', 'Bệnh viện Đa khoa tỉnh Thanh Hóa', 'hospital', DEPARTMENT),
    unit('CDC38', 'Trung tâm Kiểm soát bệnh tật tỉnh Thanh Hóa', 'cdc', DEPARTMENT),
    ...CENTRES.map(([code, name]) => unit(code, name, 'health_centre', DEPARTMENT)),
    ...STATIONS.map(([code, name, parent]) => unit(code, name, 'station', parent)),
  ];
}

/** Codes of the sets that collective phrases name, for the expected lists. */
export const DEMO = {
  department: DEPARTMENT,
  office: (suffix: string) => officeCode(DEPARTMENT, suffix),
  offices: DEPARTMENT_OFFICES.map((o) => officeCode(DEPARTMENT, o.suffix)),
  centres: CENTRES.map(([code]) => code),
  stations: STATIONS.map(([code]) => code),
  hospitals: ['BVDK38'],
  cdc: 'CDC38',
};
