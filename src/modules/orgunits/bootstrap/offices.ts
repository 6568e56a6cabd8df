// The Department of Health's own offices (phòng chức năng). They are units of kind 'office' under the
// Sở Y tế: tasks are assigned to them and their staff log in, but they report no statistics (no data
// set is assigned to them and the analytics hierarchy leaves them out). The reading of notices knows
// the other ways notices write their names (directives/reading/offices.ts).

export interface OfficeDef {
  /** Appended to the department's code: SYT38_VP. */
  suffix: string;
  name: string;
  nameEn: string;
  shortName: string;
}

export const DEPARTMENT_OFFICES: readonly OfficeDef[] = [
  { suffix: 'VP', name: 'Văn phòng Sở', nameEn: 'Office of the Department', shortName: 'Văn phòng' },
  { suffix: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', nameEn: 'Planning and Finance Division', shortName: 'Phòng KH-TC' },
  { suffix: 'NVY', name: 'Phòng Nghiệp vụ Y', nameEn: 'Medical Affairs Division', shortName: 'Phòng NVY' },
  { suffix: 'NVD', name: 'Phòng Nghiệp vụ Dược', nameEn: 'Pharmaceutical Affairs Division', shortName: 'Phòng NVD' },
  { suffix: 'TCCB', name: 'Phòng Tổ chức cán bộ', nameEn: 'Personnel Division', shortName: 'Phòng TCCB' },
  { suffix: 'TTRA', name: 'Thanh tra Sở', nameEn: 'Department Inspectorate', shortName: 'Thanh tra' },
  { suffix: 'QLHN', name: 'Phòng Quản lý hành nghề', nameEn: 'Practice Licensing Division', shortName: 'Phòng QLHN' },
];

/** The code of an office of the department `departmentCode`: SYT38 + KHTC → SYT38_KHTC. */
export const officeCode = (departmentCode: string, suffix: string) => `${departmentCode}_${suffix}`;
