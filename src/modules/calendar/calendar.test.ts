import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../lib/calendar.js';
import { freshDatabase, testCtx } from '../../test/harness.js';
import type { Database } from '../../db/connection.js';
import * as calendarRepo from './calendar.repo.js';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});

describe('loadCalendar', () => {
  it('applies the configured days (a decision’s swapped day off and Saturday worked) to deadlines', async () => {
    await database.db.insertInto('calendar_day').values([
      { day: '2025-01-27', kind: 'off', name: 'Nghỉ hoán đổi Tết', name_en: 'Tết swap' },
      { day: '2025-02-08', kind: 'work', name: 'Làm bù', name_en: 'Worked Saturday' },
      { day: '2024-02-15', kind: 'off', name: 'Thử', name_en: 'Test' },
    ]).execute();
    const days = testCtx(database).use(calendarRepo);
    const cfg = await days.loadCalendar();
    expect([...cfg.off].sort()).toEqual(['2024-02-15', '2025-01-27']);
    expect([...cfg.work]).toEqual(['2025-02-08']);
    // January 2025 (31/1 is in Tết: 28/1–1/2 off, 3/2 compensatory): 1 working day after 24/1 skips the swapped 27/1.
    expect(addWorkingDays('2025-01-24', 1, cfg)).toBe('2025-02-04');
    expect(addWorkingDays('2025-02-07', 1, cfg)).toBe('2025-02-08');
    // Deadline of January 2024 + 6 working days: Tết 8–14/2 skipped, and the configured 15/2 too.
    expect(addWorkingDays('2024-01-31', 6, cfg)).toBe('2024-02-16');
    const only2024 = await days.loadCalendar({ from: '2024-01-01', to: '2024-12-31' });
    expect([...only2024.off]).toEqual(['2024-02-15']);
  });

  it('lists, saves (insert or replace) and deletes configured days', async () => {
    const days = testCtx(database).use(calendarRepo);
    await days.saveDay({ day: '2026-09-01', kind: 'off', name: 'Nghỉ', name_en: null });
    await days.saveDay({ day: '2026-09-01', kind: 'off', name: 'Nghỉ Quốc khánh', name_en: 'National Day' });
    expect(await days.findDay('2026-09-01')).toEqual({ day: '2026-09-01', kind: 'off', name: 'Nghỉ Quốc khánh', name_en: 'National Day' });
    expect((await days.listDays('2026-01-01', '2026-12-31')).map((d) => d.day)).toEqual(['2026-09-01']);
    await days.deleteDay('2026-09-01');
    expect(await days.findDay('2026-09-01')).toBeUndefined();
  });
});
