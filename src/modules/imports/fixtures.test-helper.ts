// Test metadata for the import tests: a monthly data set with a sex-disaggregated element, plain
// numeric, percentage and text elements, assigned to every unit; and a second data set whose entry
// window closes 10 days after the deadline (to test expired periods).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export const FX = {
  dataSet: 'impDataSet1',
  lateSet: 'impLateSet1',
  births: 'impBirths01',
  visits: 'impVisits01',
  rate: 'impRate0001',
  note: 'impNote0001',
  late: 'impLate0001',
  male: 'impCocMale1',
  female: 'impCocFemal',
  sexCombo: 'impSexCombo',
  defaultCoc: 'HllvX50cXC0',
};

export async function createFixtures(db: Kysely<DB>): Promise<void> {
  await db.insertInto('category_option').values([
    { id: 'impOptMale1', code: 'IMP_MALE', name: 'Nam', name_en: 'Male' },
    { id: 'impOptFemal', code: 'IMP_FEMALE', name: 'Nữ', name_en: 'Female' },
  ]).execute();
  await db.insertInto('category').values({ id: 'impCatSex01', code: 'IMP_SEX', name: 'Giới tính', name_en: 'Sex' }).execute();
  await db.insertInto('category_option_in_category').values([
    { category_id: 'impCatSex01', category_option_id: 'impOptMale1', sort_order: 0 },
    { category_id: 'impCatSex01', category_option_id: 'impOptFemal', sort_order: 1 },
  ]).execute();
  await db.insertInto('category_combo').values({ id: FX.sexCombo, code: 'IMP_SEX', name: 'Giới tính', name_en: 'Sex' }).execute();
  await db.insertInto('category_in_combo').values({ category_combo_id: FX.sexCombo, category_id: 'impCatSex01', sort_order: 0 }).execute();
  await db.insertInto('category_option_combo').values([
    { id: FX.male, code: 'IMP_MALE', name: 'Nam', name_en: 'Male', category_combo_id: FX.sexCombo, sort_order: 0 },
    { id: FX.female, code: 'IMP_FEMALE', name: 'Nữ', name_en: 'Female', category_combo_id: FX.sexCombo, sort_order: 1 },
  ]).execute();
  await db.insertInto('category_option_combo_option').values([
    { category_option_combo_id: FX.male, category_option_id: 'impOptMale1' },
    { category_option_combo_id: FX.female, category_option_id: 'impOptFemal' },
  ]).execute();
  await db.insertInto('data_element').values([
    { id: FX.births, code: 'IMP_BIRTHS', name: 'Số trẻ đẻ ra sống', value_type: 'INTEGER_ZERO_OR_POSITIVE', category_combo_id: FX.sexCombo },
    { id: FX.visits, code: 'IMP_VISITS', name: 'Số lượt khám bệnh', value_type: 'INTEGER_ZERO_OR_POSITIVE', category_combo_id: 'bjDvmb4bfuf' },
    { id: FX.rate, code: 'IMP_RATE', name: 'Tỷ lệ tiêm chủng đầy đủ', value_type: 'PERCENTAGE', category_combo_id: 'bjDvmb4bfuf' },
    { id: FX.note, code: 'IMP_NOTE', name: 'Ghi chú', value_type: 'TEXT', category_combo_id: 'bjDvmb4bfuf' },
    { id: FX.late, code: 'IMP_LATE', name: 'Chỉ tiêu có hạn nhập', value_type: 'NUMBER', category_combo_id: 'bjDvmb4bfuf' },
    // A data element whose code is the uid of another one: ambiguous under idScheme=auto.
    { id: 'impAmbig001', code: 'impVisits01', name: 'Mã gây nhầm', value_type: 'NUMBER', category_combo_id: 'bjDvmb4bfuf' },
  ]).execute();
  await db.insertInto('data_set').values([
    { id: FX.dataSet, code: 'IMP_DS', name: 'Báo cáo thống kê thử', period_type: 'Monthly', category_combo_id: 'bjDvmb4bfuf', deadline_working_days: 5, entry_grace_days: null },
    { id: FX.lateSet, code: 'IMP_LATE_DS', name: 'Báo cáo có hạn', period_type: 'Monthly', category_combo_id: 'bjDvmb4bfuf', deadline_working_days: 5, entry_grace_days: 10 },
  ]).execute();
  await db.insertInto('data_set_section').values([
    { id: 'impSection1', data_set_id: FX.dataSet, code: 'S1', name: 'I. Sinh đẻ', sort_order: 1 },
    { id: 'impSection2', data_set_id: FX.dataSet, code: 'S2', name: 'II. Khám chữa bệnh', sort_order: 2 },
  ]).execute();
  await db.insertInto('data_set_element').values([
    { data_set_id: FX.dataSet, data_element_id: FX.births, section_id: 'impSection1', sort_order: 1 },
    { data_set_id: FX.dataSet, data_element_id: FX.visits, section_id: 'impSection2', sort_order: 2 },
    { data_set_id: FX.dataSet, data_element_id: FX.rate, section_id: 'impSection2', sort_order: 3 },
    { data_set_id: FX.dataSet, data_element_id: FX.note, section_id: 'impSection2', sort_order: 4 },
    { data_set_id: FX.lateSet, data_element_id: FX.late, section_id: null, sort_order: 1 },
  ]).execute();
  for (const ds of [FX.dataSet, FX.lateSet]) {
    await db
      .insertInto('data_set_unit')
      .columns(['data_set_id', 'org_unit_id', 'valid_from'])
      .expression((eb) => eb.selectFrom('org_unit').select([eb.val(ds).as('data_set_id'), 'id', eb.val('2000-01-01').as('valid_from')]))
      .execute();
  }
}
