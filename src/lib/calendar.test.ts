import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarFromDays, isWorkingDay, publicHolidays, specialDays, workingDaysBetween } from './calendar.js';
import { lunarToSolar, solarToLunar, tet } from './lunar.js';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it('gives the known dates of Tết', () => {
    const known: Record<number, string> = {
      2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22',
      2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06',
    };
    for (const [y, d] of Object.entries(known)) expect(tet(Number(y))).toBe(d);
  });

  it('differs from the Chinese calendar where Vietnam does (1985, 2007)', () => {
    expect(tet(1985)).toBe('1985-01-21'); // China: 1985-02-20
    expect(tet(2007)).toBe('2007-02-17'); // China: 2007-02-18
  });

  it('gives the Hùng Kings day (lunar 10/3)', () => {
    expect(lunarToSolar({ day: 10, month: 3, year: 2024, leap: false })).toBe('2024-04-18');
    expect(lunarToSolar({ day: 10, month: 3, year: 2025, leap: false })).toBe('2025-04-07');
  });

  it('round-trips: Tết falls between 21 January and 20 February and converts back to 1/1 (1900–2100)', () => {
    for (let y = 1900; y <= 2100; y++) {
      const d = tet(y);
      expect(d >= `${y}-01-21` && d <= `${y}-02-20`, `${y}: ${d}`).toBe(true);
      const [yy, mm, dd] = d.split('-').map(Number) as [number, number, number];
      expect(solarToLunar(yy, mm, dd)).toEqual({ day: 1, month: 1, year: y, leap: false });
    }
  });

  it('knows leap months and the last day of the year', () => {
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ day: 1, month: 5, year: 2023, leap: true })).toBeNull();
    expect(solarToLunar(2024, 2, 9)).toEqual({ day: 30, month: 12, year: 2023, leap: false });
  });
});

describe('statutory public holidays', () => {
  const dates = (y: number) => publicHolidays(y).map((h) => h.date);

  it('2024: Tết 8–12 Feb plus two compensatory days for the weekend, Hùng Kings, 30/4, 1/5, 2–3/9', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01',
      '2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14',
      '2024-04-18', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
    ]);
    expect(publicHolidays(2024).find((h) => h.date === '2024-02-13')).toMatchObject({ compensatory: true });
  });

  it('matches the Tết breaks of the 2020, 2021 and 2023 decisions (29 Chạp to mùng 5 with compensation)', () => {
    const tetDays = (y: number, month: string) => dates(y).filter((d) => d.startsWith(`${y}-${month}`) && d !== `${y}-01-01`);
    expect(tetDays(2020, '01')).toEqual(['2020-01-23', '2020-01-24', '2020-01-25', '2020-01-26', '2020-01-27', '2020-01-28', '2020-01-29']);
    expect(tetDays(2021, '02')).toEqual(['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16']);
    expect(tetDays(2023, '01').filter((d) => d >= '2023-01-10')).toEqual(['2023-01-20', '2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']);
  });

  it('2026: Tết 16–20 Feb (Mon–Fri), as the 2026 decision set it', () => {
    expect(dates(2026).filter((d) => d.startsWith('2026-02'))).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('gives compensatory days after weekend holidays (2022: 1/1 Sat → 3/1; 30/4 Sat, 1/5 Sun → 2/5, 3/5)', () => {
    const d = dates(2022);
    expect(d).toContain('2022-01-03');
    expect(d).toEqual(expect.arrayContaining(['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']));
    // 2023: Hùng Kings on Saturday 29/4, 30/4 Sunday, 1/5 Monday → 2/5 and 3/5 off.
    expect(dates(2023)).toEqual(expect.arrayContaining(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']));
  });

  it('gives Quốc khánh one day before 2021 and two since (Labour Code 2019)', () => {
    expect(dates(2019).filter((d) => d.startsWith('2019-09'))).toEqual(['2019-09-02']);
    expect(dates(2021).filter((d) => d.startsWith('2021-09'))).toEqual(['2021-09-02', '2021-09-03']);
    expect(dates(2025).filter((d) => d.startsWith('2025-09'))).toEqual(['2025-09-01', '2025-09-02']);
    // 2023: 2/9 Saturday with 1/9 Friday, and Monday 4/9 in compensation.
    expect(dates(2023).filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });
});

describe('working days and deadlines', () => {
  it('counts weekends out: 5 working days after 2024-01-31 is 2024-02-07', () => {
    expect(addWorkingDays('2024-01-31', 5)).toBe('2024-02-07');
    expect(addWorkingDays('2024-01-31', 0)).toBe('2024-01-31');
    expect(isWorkingDay('2024-02-03')).toBe(false); // Saturday
  });

  it('skips Tết 2024 (8–14 Feb): the 6th working day after January is 15 Feb', () => {
    for (const d of ['2024-02-08', '2024-02-12', '2024-02-13', '2024-02-14']) expect(isWorkingDay(d)).toBe(false);
    expect(addWorkingDays('2024-01-31', 6)).toBe('2024-02-15');
    expect(addWorkingDays('2024-01-31', 10)).toBe('2024-02-21');
    expect(workingDaysBetween('2024-01-31', '2024-02-21')).toBe(10);
  });

  it('lets configured days override the rule (a swapped day off and a Saturday worked)', () => {
    // 2025 decision: Monday 27/1 off in exchange for Saturday 8/2 worked.
    const cfg = calendarFromDays([
      { day: '2025-01-27', kind: 'off' },
      { day: '2025-02-08', kind: 'work' },
    ]);
    expect(isWorkingDay('2025-01-27', cfg)).toBe(false);
    expect(isWorkingDay('2025-02-08', cfg)).toBe(true);
    expect(addWorkingDays('2025-01-24', 1, cfg)).not.toBe('2025-01-27');
    expect(specialDays(2025, cfg).find((d) => d.date === '2025-02-08')).toMatchObject({ working: true, weekend: true, configured: 'work' });
  });

  it('a deadline after May 2024 (5 working days) is 7 June', () => {
    expect(addWorkingDays('2024-05-31', 5)).toBe('2024-06-07');
  });
});
