// The report period: kind (month / quarter / 6 months / 9 months / year, limited to what the template
// allows), year and the period within the year. Ids and wording come from src/lib/periods.ts (the
// server's own period code): 202405, 2024Q2, 2024S1, 2024N9, 2024.
import { Group, NativeSelect } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { todayVn } from '../../../../src/lib/dates.js';
import {
  monthRange, nineMonthRange, periodLabel, periodOf, previousRange, quarterRange, sixMonthRange, yearRange, type PeriodRange,
} from '../../../../src/lib/periods.js';
import { PERIOD_KINDS, type ReportPeriodKind } from './reportsApi';

export interface PeriodChoice {
  kind: ReportPeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; unused for NineMonths and Yearly. */
  sub: number;
}

/** The range a choice stands for. (A local wrapper until src/lib/periods.ts has one by kind.) */
export function rangeOf(p: PeriodChoice): PeriodRange {
  switch (p.kind) {
    case 'Monthly':
      return monthRange(p.year, p.sub);
    case 'Quarterly':
      return quarterRange(p.year, p.sub);
    case 'SixMonthly':
      return sixMonthRange(p.year, p.sub);
    case 'NineMonths':
      return nineMonthRange(p.year);
    case 'Yearly':
      return yearRange(p.year);
  }
}

export function periodId(p: PeriodChoice): string {
  return rangeOf(p).id;
}

/** Last month (the usual report) as the default choice. */
export function defaultPeriod(kinds: readonly ReportPeriodKind[] = PERIOD_KINDS): PeriodChoice {
  const today = todayVn();
  const last = previousRange(monthRange(Number(today.slice(0, 4)), Number(today.slice(5, 7))));
  const month: PeriodChoice = { kind: 'Monthly', year: last.from.year, sub: last.from.month };
  return fitKind(month, kinds[0] ?? 'Monthly');
}

/** Switches the kind, keeping the year and the period that holds the current choice's last month. */
function fitKind(p: PeriodChoice, kind: ReportPeriodKind): PeriodChoice {
  if (kind === 'NineMonths' || kind === 'Yearly') return { kind, year: p.year, sub: 1 };
  return { kind, year: p.year, sub: periodOf(kind, rangeOf(p).end).index };
}

export function PeriodPicker({ kinds, value, onChange, testPrefix }: {
  kinds: readonly ReportPeriodKind[];
  value: PeriodChoice;
  onChange: (p: PeriodChoice) => void;
  testPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const allowed = kinds.length ? kinds : PERIOD_KINDS;
  // A template that does not allow the current kind moves the choice to its first kind.
  useEffect(() => {
    if (!allowed.includes(value.kind)) onChange(fitKind(value, allowed[0]!));
  }, [allowed.join(','), value.kind]);

  const thisYear = Number(todayVn().slice(0, 4));
  const years = Array.from({ length: 12 }, (_, i) => String(thisYear - i));
  if (!years.includes(String(value.year))) years.push(String(value.year));
  let subs: { value: string; label: string }[] = [];
  if (value.kind === 'Monthly') subs = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('reports.period.month', { n: i + 1 }) }));
  else if (value.kind === 'Quarterly') subs = [1, 2, 3, 4].map((q) => ({ value: String(q), label: t('reports.period.quarter', { n: q }) }));
  else if (value.kind === 'SixMonthly') subs = [1, 2].map((h) => ({ value: String(h), label: t(`reports.period.half${h}`) }));

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid={testPrefix} data-period={periodId(value)} title={periodLabel(rangeOf(value), i18n.language === 'en' ? 'en' : 'vi')}>
      <NativeSelect
        label={t('reports.period.kind')}
        data={allowed.map((k) => ({ value: k, label: t(`reports.periodKind.${k}`) }))}
        value={value.kind}
        onChange={(e) => onChange(fitKind(value, e.currentTarget.value as ReportPeriodKind))}
        data-testid={`${testPrefix}-kind`}
      />
      {subs.length > 0 && (
        <NativeSelect
          label={t('reports.period.within')}
          data={subs}
          value={String(value.sub)}
          onChange={(e) => onChange({ ...value, sub: Number(e.currentTarget.value) })}
          data-testid={`${testPrefix}-sub`}
        />
      )}
      <NativeSelect
        label={t('reports.period.year')}
        data={years}
        value={String(value.year)}
        onChange={(e) => onChange({ ...value, year: Number(e.currentTarget.value) })}
        data-testid={`${testPrefix}-year`}
      />
    </Group>
  );
}
