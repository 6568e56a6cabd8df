// Completeness beside a total: "5/8 trạm đã báo cáo" when not every expected unit has reported for the
// period, and the rule that a comparison (▲/▼ against last year, % of plan) of such a total is
// withheld. The counts come from the analytics answers (src/modules/analytics/completeness.service.ts).
// Strings: locales/geo.*.json (loaded by the dashboards and pivot pages).
import { Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { Completeness } from '../../../src/modules/analytics/analytics.contract.js';

export type { Completeness };

/** "5/8 trạm đã báo cáo" (one form per unit) or "15/24 báo cáo đã gửi" (several periods). */
export function completenessLabel(t: TFunction, c: Completeness): string {
  const counts = { reported: formatNumber(c.reported), expected: formatNumber(c.expected) };
  return c.formsPerUnit === 1 ? t(`geo.completeness.reported_${c.unitKind}`, counts) : t('geo.completeness.reportedForms', counts);
}

export function completenessHint(t: TFunction, c: Completeness): string {
  const percent = c.percent === null ? '—' : `${formatNumber(c.percent)} %`;
  return t('geo.completeness.hint', { dataSet: c.dataSetName, percent, threshold: formatNumber(c.threshold) });
}

/** Whether a comparison of this total may be shown as a plain rise or drop. */
export function comparable(c: Completeness | null | undefined): boolean {
  return !c || c.complete;
}

/** The note beside a total of an incomplete period (nothing when complete or unknown). */
export function CompletenessNote({ c, testId, size = 'xs' }: { c: Completeness | null | undefined; testId?: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (!c || c.reported >= c.expected) return null;
  return (
    <Tooltip label={completenessHint(t, c)} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Text
        span
        size={size}
        c={c.complete ? 'dimmed' : 'orange.8'}
        fw={c.complete ? 400 : 600}
        tabIndex={0}
        data-testid={testId}
        data-complete={c.complete}
        style={{ cursor: 'help', whiteSpace: 'nowrap' }}
      >
        {completenessLabel(t, c)}
      </Text>
    </Tooltip>
  );
}

/** A missing value: "—" with "chưa có số liệu" on hover (never a 0). */
export function NoValue() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('geo.completeness.noValue')} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Text span c="dimmed" tabIndex={0} aria-label={t('geo.completeness.noValue')} data-novalue="">
        —
      </Text>
    </Tooltip>
  );
}
