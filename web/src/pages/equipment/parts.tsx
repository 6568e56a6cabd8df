// Small pieces shared by the equipment pages: the area's links, status badges, money, the countdown to
// the next inspection, and the history told in words ("ai, lúc nào, đổi gì"), never field codes.
import { Anchor, Badge, Group, NativeSelect, Text, type MantineColor } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { formatDate, formatDateTime, formatNumber, today } from '../../format';
import { Link, navigate } from '../../router';
import type { AssetEvent, AssetStatus, Category } from './equipmentApi';

const NARROW = '(max-width: 48em)';

/** True on a phone-sized screen (below Mantine's "sm"): tables become cards. */
export function useNarrow(): boolean {
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW).matches : false;
  return useMediaQuery(NARROW, initial, { getInitialValueInEffect: false }) ?? initial;
}

export type Area = 'assets' | 'kpi' | 'inspections' | 'workOrders' | 'stocktakes' | 'proposals' | 'idle' | 'import' | 'missing' | 'standards';

/** Links between the equipment pages (a picker on a phone, where ten links would take half the screen). */
export function AreaNav({ active }: { active: Area }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const manage = useCan('equipment:manage');
  const items: { key: Area; to: string }[] = [
    { key: 'assets', to: '/equipment' },
    { key: 'kpi', to: '/equipment/kpi' },
    { key: 'inspections', to: '/equipment/inspections' },
    { key: 'workOrders', to: '/equipment/work-orders' },
    { key: 'stocktakes', to: '/equipment/stocktakes' },
    { key: 'proposals', to: '/equipment/proposals' },
    ...(manage ? [{ key: 'idle' as const, to: '/equipment/idle' }, { key: 'import' as const, to: '/equipment/import' }] : []),
    { key: 'missing', to: '/equipment/missing' },
    { key: 'standards', to: '/equipment/standards' },
  ];
  if (narrow) {
    return (
      <NativeSelect
        aria-label={t('equipment.nav.section')}
        data-testid="equipment-nav"
        value={active}
        data={items.map((i) => ({ value: i.key, label: t(`equipment.nav.${i.key}`) }))}
        onChange={(e) => navigate(items.find((i) => i.key === e.currentTarget.value)!.to)}
      />
    );
  }
  return (
    <Group gap="md" wrap="wrap" data-testid="equipment-nav">
      {items.map((i) =>
        i.key === active ? (
          <Text key={i.key} fw={600} data-testid={`enav-${i.key}`} data-active="true">
            {t(`equipment.nav.${i.key}`)}
          </Text>
        ) : (
          <Anchor key={i.key} component={Link} to={i.to} data-testid={`enav-${i.key}`}>
            {t(`equipment.nav.${i.key}`)}
          </Anchor>
        ),
      )}
    </Group>
  );
}

export const STATUS_COLOR: Record<AssetStatus, MantineColor> = {
  in_use: 'green', idle: 'gray', broken: 'red', in_repair: 'orange', pending_disposal: 'grape', disposed: 'dark', transferred: 'blue', locked: 'red',
};

export function StatusBadge({ status }: { status: AssetStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'locked' ? 'filled' : 'light'} tt="none" data-testid="asset-status" data-status={status} style={{ flex: 'none' }}>
      {t(`equipment.status.${status}`)}
    </Badge>
  );
}

/** 150.000.000 đ */
export function money(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : `${formatNumber(n)} đ`;
}

/** Days from today to `date` (negative: past). */
export function daysUntil(date: string, from = today()): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}

/** "còn 12 ngày" / "đến hạn hôm nay" / "quá hạn 3 ngày", coloured. */
export function DueText({ date, prefix }: { date: string | null; prefix?: string }) {
  const { t } = useTranslation();
  if (!date) return null;
  const d = daysUntil(date);
  const text = d > 0 ? t('equipment.due.left', { count: d }) : d === 0 ? t('equipment.due.today') : t('equipment.due.overdue', { count: -d });
  return (
    <Text span size="sm" c={d < 0 ? 'red' : d <= 30 ? 'orange' : 'dimmed'} fw={d <= 30 ? 600 : undefined} data-testid="asset-due" data-days={d}>
      {prefix ? `${prefix} ` : ''}
      {formatDate(date)} ({text})
    </Text>
  );
}

// ------------------------------------------------------------------ history in words

/** Columns (and input fields) of an asset as the history keeps them → the words a user reads. */
const FIELD_KEY: Record<string, string> = {
  room: 'room', name: 'name', category_code: 'category', category: 'category', cost: 'cost', acquired: 'acquired', serial: 'serial', model: 'model',
  make: 'make', origin: 'origin', year_made: 'yearMade', yearMade: 'yearMade', supplier: 'supplier', funding: 'funding', warranty_until: 'warrantyUntil',
  warrantyUntil: 'warrantyUntil', accessories: 'accessories', quantity: 'quantity', life_years: 'lifeYears', lifeYears: 'lifeYears', notes: 'notes',
  tag: 'tag', status: 'status', org_unit_id: 'orgUnit', risk_class: 'riskClass', riskClass: 'riskClass',
};

/** The actions other parts of the module write, with a sentence each (unknown ones: "Thay đổi khác"). */
const ACTIONS = new Set([
  'create', 'import', 'update', 'status', 'file', 'stocktake', 'workorder.report', 'workorder.broken', 'workorder.assign', 'workorder.start', 'workorder.finish',
  'workorder.repaired', 'workorder.beyondRepair', 'workorder.cancel', 'workorder.cancelled', 'workorder.preventive', 'schedule.add', 'schedule.update',
  'inspection.record', 'inspection.pass', 'inspection.fail', 'liquidationApproved', 'liquidationRejected', 'liquidated', 'transferApproved',
  'transferRejected', 'transferHandedOver', 'transferred',
]);

export function useEventText(categories: Category[] | undefined) {
  const { t } = useTranslation();
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('equipment.history.empty');
    switch (field) {
      case 'status':
        return t(`equipment.status.${String(v)}`);
      case 'cost':
        return money(Number(v));
      case 'acquired':
      case 'warrantyUntil':
        return formatDate(String(v));
      case 'category':
        return categories?.find((c) => c.code === v)?.name ?? t('equipment.history.otherCategory');
      case 'funding':
        return t(`equipment.funding.${String(v)}`);
      case 'orgUnit':
        return t('equipment.history.otherUnit');
      default:
        return typeof v === 'number' ? formatNumber(v) : String(v);
    }
  };
  /** The changed fields, "Khoa, phòng: Phòng khám → Phòng siêu âm". */
  const changes = (e: AssetEvent): string[] => {
    const out: string[] = [];
    const keys = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})]);
    for (const k of keys) {
      const field = FIELD_KEY[k];
      if (!field) continue;
      const b = e.before?.[k];
      const a = e.after?.[k];
      if (e.before && b !== undefined) out.push(`${t(`equipment.field.${field}`)}: ${value(field, b)} → ${value(field, a)}`);
      else if (e.action === 'update' || e.action === 'status') out.push(`${t(`equipment.field.${field}`)}: ${value(field, a)}`);
    }
    return out;
  };
  return (e: AssetEvent): { title: string; details: string[] } => {
    const after = e.after ?? {};
    const title = ACTIONS.has(e.action)
      ? t(`equipment.history.action.${e.action.replace('.', '_')}`, {
          fault: String(after.fault ?? ''),
          assignee: String(after.assignee ?? ''),
          fileName: String(after.fileName ?? ''),
          kind: after.kind === 'document' ? t('equipment.history.document') : t('equipment.history.photo'),
        })
      : e.action.endsWith('Rejected')
        ? t('equipment.history.action.rejected')
        : t('equipment.history.action.other');
    const details = e.action === 'create' || e.action === 'import' || e.action === 'file' || e.action.startsWith('workorder.report') ? [] : changes(e);
    return { title, details };
  };
}

export function EventLine({ e, text }: { e: AssetEvent; text: { title: string; details: string[] } }) {
  const { t } = useTranslation();
  return (
    <div data-testid="history-item" data-action={e.action}>
      <Text size="sm" fw={500}>
        {text.title}
      </Text>
      {text.details.map((d) => (
        <Text key={d} size="sm">
          {d}
        </Text>
      ))}
      {e.note && (
        <Text size="sm" c="dimmed" fs="italic">
          {e.note}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('equipment.history.byAt', { user: e.user ?? t('equipment.history.system'), at: formatDateTime(e.at) })}
      </Text>
    </div>
  );
}

/** A labelled value of a detail page; nothing when the value is empty. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}
