// Small pieces shared by the facilities pages: the area's links, badges of grade and stage, money
// and percent in vi-VN, and whether the screen is a phone's.
import { Anchor, Badge, Group, Text, type MantineColor } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import type { CurrentStage, PremisesGrade } from './facilitiesApi';

/** True on a phone-sized screen (below Mantine's "sm"): tables become stacked cards. */
export function useNarrow(): boolean {
  const q = '(max-width: 48em)';
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(q).matches : false;
  return useMediaQuery(q, initial, { getInitialValueInEffect: false }) ?? initial;
}

/** Links between the two halves of the area. */
export function AreaNav({ active }: { active: 'premises' | 'programmes' }) {
  const { t } = useTranslation();
  const items = [
    { key: 'premises', to: '/facilities', label: t('facilities.nav.premises') },
    { key: 'programmes', to: '/facilities/programmes', label: t('facilities.nav.programmes') },
  ] as const;
  return (
    <Group gap="md" wrap="wrap" data-testid="facilities-nav">
      {items.map((i) =>
        i.key === active ? (
          <Text key={i.key} fw={600} data-active="true">
            {i.label}
          </Text>
        ) : (
          <Anchor key={i.key} component={Link} to={i.to} data-testid={`fnav-${i.key}`}>
            {i.label}
          </Anchor>
        ),
      )}
    </Group>
  );
}

export const GRADE_COLORS: Record<PremisesGrade, MantineColor> = { good: 'green', degraded: 'orange', severe: 'red' };

export function GradeBadge({ grade }: { grade: PremisesGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return <Badge color="gray" variant="light">{t('facilities.grade.unknown')}</Badge>;
  return (
    <Badge color={GRADE_COLORS[grade]} variant="light">
      {t(`facilities.grade.${grade}`)}
    </Badge>
  );
}

export function StageBadge({ stage, late }: { stage: CurrentStage; late?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={stage === 'done' ? 'green' : late ? 'red' : 'blue'} variant="light" style={{ whiteSpace: 'normal', height: 'auto' }}>
      {t(`facilities.stage.${stage}`)}
      {late ? ` · ${t('facilities.late')}` : ''}
    </Badge>
  );
}

/** An amount in đồng, shown in millions ("1.250 triệu đ"). */
export function money(dong: number | null | undefined, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (dong === null || dong === undefined) return '';
  return t('facilities.millions', { value: formatNumber(Math.round(dong / 1_000_000)) });
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : `${formatNumber(x)} %`;
}
