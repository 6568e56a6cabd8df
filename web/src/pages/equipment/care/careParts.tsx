// Small pieces shared by the care and stock pages: the unit chosen (kept in the address),
// the "quá hạn N ngày" / "còn N ngày" text and the work order's status badge.
import { Badge, Text, type MantineColor } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth';
import type { OuChoice } from '../../../components/OuPicker';
import type { WorkOrderStatus } from './careApi';

/**
 * The unit of a list page: the address's ?orgUnit= (with ?unitName=), else the user's own unit; a
 * change is written back into the address (so a row's link and the back button keep it).
 */
export function useUnitParam(): [OuChoice | null, (u: OuChoice | null) => void] {
  const me = useMe();
  const [unit, setUnit] = useState<OuChoice | null>(() => {
    const q = new URLSearchParams(location.search);
    const id = q.get('orgUnit');
    if (id) return { id, label: q.get('unitName') ?? me.organisationUnits.find((u) => u.id === id)?.name ?? id };
    const own = me.organisationUnits[0];
    return own ? { id: own.id, label: own.name } : null;
  });
  useEffect(() => {
    const p = new URLSearchParams(location.search);
    if (unit) {
      p.set('orgUnit', String(unit.id));
      p.set('unitName', unit.label);
    } else {
      p.delete('orgUnit');
      p.delete('unitName');
    }
    const url = `${location.pathname}${p.toString() ? `?${p}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [unit]);
  return [unit, setUnit];
}

/** An address of a page with a unit chosen. */
export const withUnit = (path: string, u: { id: string; name: string }) =>
  `${path}?${new URLSearchParams({ orgUnit: u.id, unitName: u.name })}`;

/** "quá hạn 3 ngày" / "đến hạn hôm nay" / "còn 12 ngày" from a count of days (negative: overdue). */
export function DaysText({ days }: { days: number }) {
  const { t } = useTranslation();
  const text = days > 0 ? t('equipment.due.left', { count: days }) : days === 0 ? t('equipment.due.today') : t('equipment.due.overdue', { count: -days });
  return (
    <Text span size="sm" c={days < 0 ? 'red' : days <= 30 ? 'orange' : 'dimmed'} fw={600} data-testid="due-days" data-days={days}>
      {text}
    </Text>
  );
}

const WO_COLOR: Record<WorkOrderStatus, MantineColor> = { reported: 'red', assigned: 'orange', in_repair: 'yellow', done: 'green', cancelled: 'gray' };

export function WorkOrderBadge({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={WO_COLOR[status]} variant="light" tt="none" style={{ flex: 'none' }} data-testid="wo-status" data-status={status}>
      {t(`equipment.care.woStatus.${status}`)}
    </Badge>
  );
}
