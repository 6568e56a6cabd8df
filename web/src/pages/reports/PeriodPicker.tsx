// The report period: kind (month / quarter / 6 months / 9 months / year, limited to what the template
// allows), year and the period within the year, as the ISO id the API takes (202405, 2024Q2, 2024S1,
// 2024N9, 2024).
import { Group, NativeSelect } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { today } from '../../format';
import { PERIOD_KINDS, type PeriodKind } from './reportsApi';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; unused for NineMonths and Yearly. */
  sub: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodId(p: PeriodChoice): string {
  switch (p.kind) {
    case 'Monthly':
      return `${p.year}${pad(p.sub)}`;
    case 'Quarterly':
      return `${p.year}Q${p.sub}`;
    case 'SixMonthly':
      return `${p.year}S${p.sub}`;
    case 'NineMonths':
      return `${p.year}N9`;
    case 'Yearly':
      return String(p.year);
  }
}

/** Last month (the usual report) as the default choice. */
export function defaultPeriod(kinds: readonly PeriodKind[] = PERIOD_KINDS): PeriodChoice {
  const now = today();
  let year = Number(now.slice(0, 4));
  let month = Number(now.slice(5, 7)) - 1;
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  const kind = kinds[0] ?? 'Monthly';
  return fitKind({ kind, year, sub: month }, kind);
}

/** Switches the kind, keeping the year and mapping the month to its quarter / half. */
function fitKind(p: PeriodChoice, kind: PeriodKind): PeriodChoice {
  const month = p.kind === 'Monthly' ? p.sub : p.kind === 'Quarterly' ? p.sub * 3 : p.kind === 'SixMonthly' ? p.sub * 6 : 12;
  const sub = kind === 'Monthly' ? month : kind === 'Quarterly' ? Math.ceil(month / 3) : kind === 'SixMonthly' ? Math.ceil(month / 6) : 1;
  return { kind, year: p.year, sub };
}

export function PeriodPicker({ kinds, value, onChange, testPrefix }: {
  kinds: readonly PeriodKind[];
  value: PeriodChoice;
  onChange: (p: PeriodChoice) => void;
  testPrefix: string;
}) {
  const { t } = useTranslation();
  const allowed = kinds.length ? kinds : PERIOD_KINDS;
  // A template that does not allow the current kind moves the choice to its first kind.
  useEffect(() => {
    if (!allowed.includes(value.kind)) onChange(fitKind(value, allowed[0]!));
  }, [allowed.join(','), value.kind]);

  const thisYear = Number(today().slice(0, 4));
  const years = Array.from({ length: 12 }, (_, i) => String(thisYear - i));
  if (!years.includes(String(value.year))) years.push(String(value.year));
  let subs: { value: string; label: string }[] = [];
  if (value.kind === 'Monthly') subs = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('reports.period.month', { n: i + 1 }) }));
  else if (value.kind === 'Quarterly') subs = [1, 2, 3, 4].map((q) => ({ value: String(q), label: t('reports.period.quarter', { n: q }) }));
  else if (value.kind === 'SixMonthly') subs = [1, 2].map((h) => ({ value: String(h), label: t(`reports.period.half${h}`) }));

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid={testPrefix} data-period={periodId(value)}>
      <NativeSelect
        label={t('reports.period.kind')}
        data={allowed.map((k) => ({ value: k, label: t(`reports.periodKind.${k}`) }))}
        value={value.kind}
        onChange={(e) => onChange(fitKind(value, e.currentTarget.value as PeriodKind))}
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
