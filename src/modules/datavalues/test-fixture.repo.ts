// Test fixture (used by datavalues and workflow tests): a tiny monthly data set with a sex
// disaggregation, validation rules, and extra users; inserted straight into the database so the
// tests do not depend on the default metadata package.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { uid } from '../../lib/uid.js';
import { hashPassword } from '../users/passwords.js';

export interface Fixture {
  dataSetId: string;
  graceDataSetId: string;
  comboId: string;
  coc: { male: string; female: string; default: string };
  de: Record<'births' | 'birthsSex' | 'visits' | 'insured' | 'rate' | 'note' | 'late', string>;
  units: { centre: string; station: string; otherCentre: string; otherStation: string };
}

export async function createFixture(db: Kysely<DB>, password: string): Promise<Fixture> {
  const defaultCombo = await db.selectFrom('category_combo').select('id').where('is_default', '=', true).executeTakeFirstOrThrow();
  const defaultCoc = await db.selectFrom('category_option_combo').select('id').where('category_combo_id', '=', defaultCombo.id).executeTakeFirstOrThrow();

  // Sex: MALE, FEMALE
  const male = uid();
  const female = uid();
  await db.insertInto('category_option').values([
    { id: male, code: 'T_MALE', name: 'Nam', name_en: 'Male' },
    { id: female, code: 'T_FEMALE', name: 'Nữ', name_en: 'Female' },
  ]).execute();
  const cat = uid();
  await db.insertInto('category').values({ id: cat, code: 'T_SEX', name: 'Giới tính', name_en: 'Sex' }).execute();
  await db.insertInto('category_option_in_category').values([
    { category_id: cat, category_option_id: female, sort_order: 1 },
    { category_id: cat, category_option_id: male, sort_order: 0 },
  ]).execute();
  const combo = uid();
  await db.insertInto('category_combo').values({ id: combo, code: 'T_SEX', name: 'Giới tính', name_en: 'Sex' }).execute();
  await db.insertInto('category_in_combo').values({ category_combo_id: combo, category_id: cat, sort_order: 0 }).execute();
  const cocF = uid();
  const cocM = uid();
  await db.insertInto('category_option_combo').values([
    { id: cocF, code: 'T_FEMALE', name: 'Nữ', name_en: 'Female', category_combo_id: combo },
    { id: cocM, code: 'T_MALE', name: 'Nam', name_en: 'Male', category_combo_id: combo },
  ]).execute();
  await db.insertInto('category_option_combo_option').values([
    { category_option_combo_id: cocF, category_option_id: female },
    { category_option_combo_id: cocM, category_option_id: male },
  ]).execute();

  const de = {
    births: uid(), birthsSex: uid(), visits: uid(), insured: uid(), rate: uid(), note: uid(), late: uid(),
  };
  const el = (id: string, code: string, name: string, valueType: string, comboId = defaultCombo.id) => ({
    id, code, name, name_en: code, value_type: valueType as never, category_combo_id: comboId,
  });
  await db.insertInto('data_element').values([
    el(de.births, 'T_BIRTHS', 'Tổng số trẻ đẻ ra sống', 'INTEGER_ZERO_OR_POSITIVE'),
    el(de.birthsSex, 'T_BIRTHS_SEX', 'Trẻ đẻ ra sống theo giới', 'INTEGER_ZERO_OR_POSITIVE', combo),
    el(de.visits, 'T_VISITS', 'Lượt khám bệnh', 'INTEGER_ZERO_OR_POSITIVE'),
    el(de.insured, 'T_VISITS_INS', 'Lượt khám BHYT', 'INTEGER_ZERO_OR_POSITIVE'),
    el(de.rate, 'T_RATE', 'Tỷ lệ', 'PERCENTAGE'),
    el(de.note, 'T_NOTE', 'Ghi chú', 'TEXT'),
    el(de.late, 'T_LATE', 'Chỉ tiêu biểu có hạn', 'NUMBER'),
  ]).execute();

  const dataSetId = uid();
  const graceDataSetId = uid();
  await db.insertInto('data_set').values([
    { id: dataSetId, code: 'T_MONTHLY', name: 'Báo cáo tháng (thử)', name_en: 'Monthly report (test)', period_type: 'Monthly', category_combo_id: defaultCombo.id, deadline_working_days: 5, entry_grace_days: null },
    { id: graceDataSetId, code: 'T_GRACE', name: 'Biểu có hạn', name_en: 'Form with grace', period_type: 'Monthly', category_combo_id: defaultCombo.id, deadline_working_days: 5, entry_grace_days: 10 },
  ]).execute();
  const s1 = uid();
  const s2 = uid();
  await db.insertInto('data_set_section').values([
    { id: s1, data_set_id: dataSetId, code: 'S1', name: 'Sinh đẻ', name_en: 'Births', sort_order: 1 },
    { id: s2, data_set_id: dataSetId, code: 'S2', name: 'Khám chữa bệnh', name_en: 'Visits', sort_order: 2 },
  ]).execute();
  await db.insertInto('data_set_element').values([
    { data_set_id: dataSetId, data_element_id: de.births, section_id: s1, sort_order: 1 },
    { data_set_id: dataSetId, data_element_id: de.birthsSex, section_id: s1, sort_order: 2 },
    { data_set_id: dataSetId, data_element_id: de.visits, section_id: s2, sort_order: 1 },
    { data_set_id: dataSetId, data_element_id: de.insured, section_id: s2, sort_order: 2 },
    { data_set_id: dataSetId, data_element_id: de.rate, section_id: s2, sort_order: 3 },
    { data_set_id: dataSetId, data_element_id: de.note, section_id: null, sort_order: 9 },
    { data_set_id: graceDataSetId, data_element_id: de.late, section_id: null, sort_order: 1 },
  ]).execute();

  const unitId = async (code: string) => (await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const centre = await unitId('TTYT399');
  const station = await unitId('TYT15877');
  const other = await db.selectFrom('org_unit').select('id').where('code', 'like', 'TTYT%').where('code', '<>', 'TTYT399').orderBy('code').executeTakeFirstOrThrow();
  const otherStation = await db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .select('u.id')
    .where('c.ancestor_id', '=', other.id)
    .where('c.depth', '=', 1)
    .where('c.valid_from', '<=', '2024-06-01')
    .where('c.valid_to', '>', '2024-06-01')
    .orderBy('u.code')
    .executeTakeFirstOrThrow();
  // The centre and every unit that was ever under it report T_MONTHLY and T_GRACE; so does the other centre's first station.
  const subtree = await db.selectFrom('org_unit_closure').select('descendant_id').distinct().where('ancestor_id', '=', centre).execute();
  const assigned = [...subtree.map((r) => r.descendant_id), otherStation.id];
  await db.insertInto('data_set_unit').values(
    assigned.flatMap((u) => [
      { data_set_id: dataSetId, org_unit_id: u, valid_from: '2020-01-01' },
      { data_set_id: graceDataSetId, org_unit_id: u, valid_from: '2020-01-01' },
    ]),
  ).execute();

  await db.insertInto('validation_rule').values([
    {
      id: uid(), code: 'T_BIRTHS_BY_SEX', name: 'Trẻ sinh theo giới = tổng', name_en: 'Births by sex = total', importance: 'HIGH',
      left_expression: '#{T_BIRTHS_SEX.T_MALE} + #{T_BIRTHS_SEX.T_FEMALE}', operator: 'equal_to', right_expression: '#{T_BIRTHS}',
      message: 'Số trẻ trai + gái phải bằng tổng số trẻ đẻ ra sống', message_en: 'Boys + girls must equal live births',
    },
    {
      id: uid(), code: 'T_INSURED_LE_VISITS', name: 'Khám BHYT ≤ tổng lượt khám', name_en: 'Insured ≤ visits', importance: 'MEDIUM',
      left_expression: '#{T_VISITS_INS}', operator: 'less_than_or_equal_to', right_expression: '#{T_VISITS}',
      message: 'Lượt khám BHYT không được lớn hơn tổng lượt khám', message_en: 'Insured visits cannot exceed total visits',
    },
    {
      id: uid(), code: 'T_NOTE_PAIR', name: 'Tỷ lệ cần ghi chú', name_en: 'Rate needs note', importance: 'LOW',
      left_expression: '#{T_RATE}', operator: 'compulsory_pair', right_expression: '#{T_VISITS}',
      message: 'Có tỷ lệ thì phải có lượt khám', message_en: 'A rate needs visits',
    },
  ]).execute();

  // Extra users: a data-entry user of another centre, and a station user holding the approver role.
  const hash = await hashPassword(password);
  const addUser = async (username: string, unit: string, roles: string[]) => {
    const id = uid();
    await db.insertInto('app_user').values({ id, username, display_name: username, password_hash: hash, org_unit_id: unit }).execute();
    await db.insertInto('user_role').values(roles.map((r) => ({ user_id: id, role_code: r }))).execute();
  };
  await addUser('t.other.entry', other.id, ['data_entry']);
  await addUser('t.station.approver', station, ['data_entry', 'approver']);
  await addUser('t.centre.entry', centre, ['data_entry']);
  await addUser('t.centre.approver', centre, ['approver']);

  return {
    dataSetId,
    graceDataSetId,
    comboId: combo,
    coc: { male: cocM, female: cocF, default: defaultCoc.id },
    de,
    units: { centre, station, otherCentre: other.id, otherStation: otherStation.id },
  };
}

/** Stations of Hoằng Hóa (TTYT399) open on `today`, by code (TYT15877 closed in the 2025 merger). */
export function openStations(db: Kysely<DB>, today: string, limit = 1): Promise<{ id: string; code: string; name: string }[]> {
  return db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .innerJoin('org_unit as centre', 'centre.id', 'c.ancestor_id')
    .select(['u.id', 'u.code', 'u.name'])
    .where('centre.code', '=', 'TTYT399')
    .where('c.depth', '=', 1)
    .where('c.valid_from', '<=', today)
    .where('c.valid_to', '>', today)
    .where('u.code', 'like', 'TYT%')
    .where('u.closed_date', 'is', null)
    .orderBy('u.code')
    .limit(limit)
    .execute();
}

/** A data-entry user of a unit (a station's nurse), with the test password. */
export async function addDataEntryUser(db: Kysely<DB>, username: string, displayName: string, unitId: string, password: string): Promise<string> {
  const id = uid();
  await db.insertInto('app_user').values({ id, username, display_name: displayName, password_hash: await hashPassword(password), org_unit_id: unitId }).execute();
  await db.insertInto('user_role').values({ user_id: id, role_code: 'data_entry' }).execute();
  return id;
}
