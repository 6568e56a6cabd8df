// Form workflow state as a badge: Chưa nhập / Đang nhập / Đã hoàn thành — đúng hạn / muộn / Đã duyệt / Trả lại.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { formatDate } from '../../format';
import type { FormState } from '../../../../src/modules/workflow/workflow.contract.js';

export type Display = 'empty' | 'inProgress' | 'completedOnTime' | 'completedLate' | 'completed' | 'approved' | 'returned';

export function displayState(state: FormState, valueCount: number | null | undefined, onTime: boolean | null | undefined): Display {
  if (state === 'approved') return 'approved';
  if (state === 'returned') return 'returned';
  if (state === 'completed') return onTime === true ? 'completedOnTime' : onTime === false ? 'completedLate' : 'completed';
  return valueCount ? 'inProgress' : 'empty';
}

const COLORS: Record<Display, string> = {
  empty: 'gray',
  inProgress: 'blue',
  completedOnTime: 'teal',
  completedLate: 'orange',
  completed: 'teal',
  approved: 'green',
  returned: 'red',
};

export function StateBadge(props: { state: FormState; valueCount?: number | null; onTime?: boolean | null; testId?: string }) {
  const { t } = useTranslation();
  const d = displayState(props.state, props.valueCount, props.onTime);
  return (
    <Badge color={COLORS[d]} variant="light" data-testid={props.testId} data-state={props.state} data-display={d} style={{ textTransform: 'none', overflow: 'visible' }}>
      {t(`entry.state.${d}`)}
    </Badge>
  );
}

/** The reason a form is read-only, in the user's language (server keys or texts both accepted). */
export function reasonText(reason: string | null | undefined, closesOn?: string | null): string | null {
  if (!reason) return null;
  const short = reason.replace(/^dataValue\.window\./, '').replace(/^workflow\./, '');
  const key = `entry.reason.${short}`;
  if (i18n.exists(key)) return i18n.t(key, { closesOn: formatDate(closesOn ?? null) });
  return reason;
}
