// One entry cell: a plain input that validates the value type as you type, saves on blur / Enter,
// reverts on Esc, and shows its save state (saving… / saved ✓ / error / queued offline). Focusing it
// by click or tap selects the whole value, as in a spreadsheet, so typing replaces it.
import { memo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from './issues';
import { parseInput, formatValue, isNumericType, sameValue } from './values';

export type CellStatus = 'idle' | 'saving' | 'saved' | 'error' | 'queued';

export interface CellState {
  /** The value the server holds (as last seen). */
  saved: string | null;
  /** What the cell shows: the saved value, or a typed value being sent / queued / refused. */
  shown: string | null;
  lastUpdated: string | null;
  storedBy: string | null;
  comment: string | null;
  followUp: boolean;
  status: CellStatus;
  message?: string | null;
}

export const EMPTY_CELL: CellState = {
  saved: null,
  shown: null,
  lastUpdated: null,
  storedBy: null,
  comment: null,
  followUp: false,
  status: 'idle',
};

export type Move = 'next' | 'prev' | 'up' | 'down';

interface Props {
  /** dataElementId|categoryOptionComboId */
  cellId: string;
  testKey: string;
  valueType: string;
  state: CellState;
  editable: boolean;
  row: number;
  col: number;
  label: string;
  /** "12–40" when the saved value lies outside the unit's usual range. */
  outlier: string | null;
  /** The worst validation violation this cell is part of. */
  issue: Severity | null;
  /** Takes the width of its container (phone layout) instead of a grid column's minimum. */
  fluid?: boolean;
  onCommit: (cellId: string, value: string | null) => void;
  onRevert: (cellId: string) => void;
  onMove: (from: HTMLInputElement, move: Move) => void;
  onDetails: (cellId: string) => void;
}

function CellImpl(p: Props) {
  const { t } = useTranslation();
  // null: show the cell's value; a string: what is being typed.
  const [draft, setDraftState] = useState<string | null>(null);
  // The same, readable synchronously: Enter commits and then moves focus, whose blur must not commit twice.
  const draftRef = useRef<string | null>(null);
  const setDraft = (v: string | null) => {
    draftRef.current = v;
    setDraftState(v);
  };
  const [typeError, setTypeError] = useState<string | null>(null);
  const text = draft ?? formatValue(p.state.shown, p.valueType);
  // Focus came with a mouse press: the mouseup that follows would put the caret at the pointer
  // and drop the selection (Chromium), so it is cancelled once.
  const pointerFocus = useRef(false);

  const commit = () => {
    const current = draftRef.current;
    if (current === null) return;
    const parsed = parseInput(current, p.valueType);
    if (!parsed.ok) {
      setTypeError(t(parsed.error));
      return;
    }
    setTypeError(null);
    setDraft(null);
    if (sameValue(parsed.value, p.state.shown, p.valueType) && p.state.status !== 'error') return;
    p.onCommit(p.cellId, parsed.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
      p.onMove(input, e.shiftKey ? 'prev' : 'next');
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey) {
      e.preventDefault();
      commit();
      p.onMove(input, e.key === 'ArrowDown' ? 'down' : 'up');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(null);
      setTypeError(null);
      p.onRevert(p.cellId);
    } else if (e.key === 'F2') {
      e.preventDefault();
      commit();
      p.onDetails(p.cellId);
    }
  };

  const status: CellStatus | 'invalid' = typeError ? 'invalid' : p.state.status;
  const message =
    typeError ??
    (p.state.status === 'error' ? p.state.message : p.state.status === 'queued' ? t('entry.cell.queued') : null);
  const color =
    status === 'invalid' || status === 'error'
      ? 'var(--mantine-color-red-6)'
      : p.issue === 'error'
        ? 'var(--mantine-color-red-6)'
        : p.issue === 'warning'
          ? 'var(--mantine-color-orange-6)'
          : p.outlier
          ? 'var(--mantine-color-orange-5)'
          : status === 'queued'
            ? 'var(--mantine-color-yellow-6)'
            : 'var(--mantine-color-gray-4)';
  // A saved value that breaks a rule is not "✓": the mark says there is something to look at.
  const icon = p.issue && (status === 'saved' || status === 'idle') ? '⚠' : { idle: '', saving: '…', saved: '✓', error: '⚠', queued: '⏳', invalid: '⚠' }[status];
  const iconColor =
    p.issue && (status === 'saved' || status === 'idle')
      ? p.issue === 'error'
        ? 'var(--mantine-color-red-7)'
        : 'var(--mantine-color-orange-7)'
      : status === 'saved'
        ? 'var(--mantine-color-green-7)'
        : status === 'queued'
          ? 'var(--mantine-color-yellow-8)'
          : 'var(--mantine-color-red-7)';
  const title = [p.label, p.state.comment ? `${t('entry.details.comment')}: ${p.state.comment}` : null, p.state.storedBy ? `${t('entry.details.storedBy')}: ${p.state.storedBy}` : null]
    .filter(Boolean)
    .join('\n');

  return (
    <div style={{ minWidth: p.fluid ? 0 : isNumericType(p.valueType) ? 84 : 160 }}>
      <div style={{ position: 'relative', display: 'flex', alignItems: 'center', gap: 2 }}>
        <input
          data-cell="1"
          data-row={p.row}
          data-col={p.col}
          data-cell-id={p.cellId}
          data-testid={`cell-${p.testKey}`}
          data-issue={p.issue ?? undefined}
          data-outlier={p.outlier ? '1' : undefined}
          aria-label={p.label}
          aria-invalid={status === 'invalid' || status === 'error' || !!p.issue || undefined}
          title={title}
          value={text}
          readOnly={!p.editable}
          inputMode={isNumericType(p.valueType) ? 'decimal' : undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setDraft(v);
            const parsed = parseInput(v, p.valueType);
            setTypeError(parsed.ok ? null : t(parsed.error));
          }}
          onBlur={commit}
          onKeyDown={onKeyDown}
          onMouseDown={(e) => {
            pointerFocus.current = document.activeElement !== e.currentTarget;
          }}
          onFocus={(e) => e.currentTarget.select()}
          onMouseUp={(e) => {
            if (pointerFocus.current) e.preventDefault();
            pointerFocus.current = false;
          }}
          style={{
            width: '100%',
            minWidth: 0,
            padding: '3px 6px',
            textAlign: isNumericType(p.valueType) ? 'right' : 'left',
            border: `1px solid ${color}`,
            borderWidth: p.issue || p.outlier || status === 'error' || status === 'invalid' ? 2 : 1,
            borderRadius: 4,
            background: p.editable ? (p.state.followUp ? 'var(--mantine-color-yellow-0)' : 'white') : 'var(--mantine-color-gray-0)',
            font: 'inherit',
            fontSize: 14,
          }}
        />
        <span
          data-testid={`cell-state-${p.testKey}`}
          data-state={status}
          aria-live="polite"
          title={message ?? (status === 'saved' ? t('entry.cell.saved') : status === 'saving' ? t('entry.cell.saving') : '')}
          style={{
            width: 14,
            fontSize: 12,
            flex: 'none',
            color: iconColor,
          }}
        >
          {icon}
        </span>
        <button
          type="button"
          tabIndex={-1}
          data-testid={`cell-details-${p.testKey}`}
          onClick={() => p.onDetails(p.cellId)}
          title={t('entry.details.open')}
          aria-label={t('entry.details.open')}
          style={{
            border: 'none',
            background: 'transparent',
            cursor: 'pointer',
            padding: 0,
            flex: 'none',
            fontSize: 12,
            color: p.state.comment ? 'var(--mantine-color-blue-7)' : 'var(--mantine-color-gray-5)',
          }}
        >
          {p.state.comment ? '💬' : '⋯'}
        </button>
      </div>
      {message && (
        <div data-testid={`cell-message-${p.testKey}`} style={{ fontSize: 11, lineHeight: 1.2, marginTop: 2, color: status === 'queued' ? 'var(--mantine-color-yellow-9)' : 'var(--mantine-color-red-7)' }}>
          {message}
        </div>
      )}
      {!message && p.outlier && (
        <div data-testid={`cell-hint-${p.testKey}`} style={{ fontSize: 11, lineHeight: 1.2, marginTop: 2, color: 'var(--mantine-color-orange-8)' }}>
          {t('entry.cell.outlier', { range: p.outlier })}
        </div>
      )}
    </div>
  );
}

export const Cell = memo(CellImpl);
