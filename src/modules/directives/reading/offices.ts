// The Department of Health's own offices (Văn phòng, Thanh tra and the "phòng chức năng"), which take
// tasks like any unit: seed 003 is addressed to them ("Giao Phòng Kế hoạch Tài chính chủ trì, phối hợp
// Văn phòng, Phòng Nghiệp vụ …"). The org-unit seeding creates them as units of kind 'office' under the
// Sở Y tế, coded `${departmentCode}_${suffix}` (SYT38_VP, SYT38_KHTC …); the reading recognises them by
// name and alias, with or without tone marks, whatever the dash ("Kế hoạch - Tài chính", "KH–TC").

import { DEPARTMENT_OFFICES as OFFICES, officeCode } from '../../orgunits/bootstrap/offices.js';

export interface DepartmentOffice {
  /** Appended to the department's code: SYT38 + VP → SYT38_VP. */
  suffix: string;
  /** The office's name, as the org tree shows it. */
  name: string;
  nameEn: string;
  /**
   * Other ways notices write it. Full names may be written with or without "Phòng" (in a list after a
   * first office: "phòng Kế hoạch tài chính, Nghiệp vụ y"); abbreviations only after "Phòng"/"P.".
   */
  aliases: string[];
  abbreviations: string[];
}

/** How notices write each office besides its name, by the office's suffix. */
const WORDS: Readonly<Record<string, Pick<DepartmentOffice, 'aliases' | 'abbreviations'>>> = {
  VP: { aliases: ['Văn phòng Sở Y tế', 'Văn phòng'], abbreviations: [] },
  KHTC: { aliases: ['Phòng Kế hoạch Tài chính', 'Phòng Tài chính – Kế hoạch'], abbreviations: ['KH-TC', 'KHTC', 'KH&TC', 'TC-KH'] },
  NVY: { aliases: [], abbreviations: ['NVY', 'NV Y', 'NV-Y'] },
  NVD: { aliases: ['Phòng Quản lý Dược'], abbreviations: ['NVD', 'NV Dược', 'NV-Dược', 'QLD'] },
  TCCB: { aliases: ['Phòng Tổ chức – Cán bộ', 'Phòng Tổ chức - Hành chính'], abbreviations: ['TCCB', 'TC-CB'] },
  TTRA: { aliases: ['Thanh tra Sở Y tế'], abbreviations: [] },
  QLHN: {
    aliases: ['Phòng Quản lý hành nghề y dược', 'Phòng Quản lý hành nghề y dược tư nhân', 'Phòng Quản lý hành nghề y, dược'],
    abbreviations: ['QLHN'],
  },
};

/** The offices the org tree creates (orgunits/bootstrap/offices.ts), with the words notices use. */
export const DEPARTMENT_OFFICES: readonly DepartmentOffice[] = OFFICES.map((o) => ({
  suffix: o.suffix, name: o.name, nameEn: o.nameEn, ...(WORDS[o.suffix] ?? { aliases: [], abbreviations: [] }),
}));

export { officeCode };
