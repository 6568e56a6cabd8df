// Test fixtures of the metadata module.
import type { MetadataPackageInput } from './package.schema.js';

/** A small package in soyte's format: births by sex, visits by sex and age. */
export function samplePackage(): MetadataPackageInput {
  return {
    package: { code: 'TEST_PKG', name: 'Gói thử', version: '1' },
    categoryOptions: [
      { code: 'T_MALE', name: 'Nam', nameEn: 'Male' },
      { code: 'T_FEMALE', name: 'Nữ', nameEn: 'Female' },
      { code: 'T_U5', name: 'Dưới 5 tuổi', nameEn: 'Under 5' },
      { code: 'T_O5', name: 'Từ 5 tuổi', nameEn: '5 and over' },
    ],
    categories: [
      { code: 'T_SEX', name: 'Giới tính', options: ['T_MALE', 'T_FEMALE'] },
      { code: 'T_AGE5', name: 'Nhóm tuổi', options: ['T_U5', 'T_O5'] },
    ],
    categoryCombos: [
      { code: 'T_SEX', name: 'Giới tính', categories: ['T_SEX'] },
      { code: 'T_SEX_AGE5', name: 'Giới tính và tuổi', categories: ['T_SEX', 'T_AGE5'] },
    ],
    constants: [{ code: 'T_HUNDRED', name: 'Một trăm', value: 100 }],
    indicatorTypes: [{ code: 'T_RATIO', name: 'Tỷ số', factor: 100 }],
    dataElements: [
      { code: 'T_BIRTHS', name: 'Thử nghiệm: số trẻ đẻ sống', categoryCombo: 'T_SEX', aggregationType: 'SUM', valueType: 'INTEGER_ZERO_OR_POSITIVE' },
      { code: 'T_LBW', name: 'Số trẻ đẻ nhẹ cân', valueType: 'INTEGER_ZERO_OR_POSITIVE' },
      { code: 'T_VISITS', name: 'Lượt khám', categoryCombo: 'T_SEX_AGE5' },
      { code: 'T_POP', name: 'Dân số', aggregationType: 'LAST' },
    ],
    dataSets: [
      {
        code: 'T_MONTHLY',
        name: 'Báo cáo thử',
        sections: [
          { code: 'S1', name: 'Sinh đẻ', dataElements: ['T_BIRTHS', 'T_LBW'] },
          { code: 'S2', name: 'Khám bệnh', dataElements: ['T_VISITS'] },
        ],
        dataElements: ['T_POP'],
        orgUnits: ['TTYT399', 'NOPE_UNIT'],
        orgUnitKinds: ['station'],
      },
    ],
    indicators: [
      { code: 'T_SRB', name: 'Tỷ số giới tính khi sinh', indicatorType: 'T_RATIO', numerator: '#{T_BIRTHS.T_MALE}', denominator: '#{T_BIRTHS.T_FEMALE}' },
      { code: 'T_LBW_PCT', name: 'Tỷ lệ trẻ nhẹ cân', indicatorType: 'T_RATIO', numerator: '#{T_LBW} * C{T_HUNDRED} / 100', denominator: '#{T_BIRTHS}' },
    ],
    validationRules: [
      {
        code: 'T_LBW_LE_BIRTHS',
        name: 'Trẻ nhẹ cân ≤ trẻ đẻ sống',
        leftSide: { expression: '#{T_LBW}' },
        operator: 'less_than_or_equal_to',
        rightSide: { expression: '#{T_BIRTHS.T_MALE} + #{T_BIRTHS.T_FEMALE}' },
        message: 'Số trẻ nhẹ cân không được lớn hơn số trẻ đẻ sống',
      },
    ],
    organisationUnitGroups: [{ code: 'T_GROUP', name: 'Nhóm thử', orgUnits: ['TTYT399'] }],
  };
}
