// The entry form of one data set × unit × period: sections of disaggregation grids, per-cell autosave
// through the offline outbox, inline validation, outlier hints, status bar with complete / uncomplete.
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Id } from '../../api';
import { useCan, useMe } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import i18n from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import {
  cellKey,
  flushOutbox,
  outboxFor,
  patchCached,
  saveValue,
  setOutboxUser,
  subscribeOutbox,
  useOnline,
  useOutboxState,
  discard,
} from '../../offline';
import { Cell, EMPTY_CELL, type CellState, type Move } from './Cell';
import { CellDetails } from './CellDetails';
import { entryKeys, formCacheKey, useForm, validateForm } from './entryApi';
import { periodLabel } from './periods';
import { reasonText, StateBadge } from './status';
import type { EntryForm, FormElement, FormSection, FormValue, OptionCombo, SavedValue, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';
import type { Progress } from '../../../../src/modules/plans/plans.contract.js';
import { isNumericType } from './values';
import { WorkflowButtons } from './WorkflowButtons';

type Cells = Map<string, CellState>;
type CellAction = { type: 'reset'; cells: Cells } | { type: 'patch'; id: string; patch: Partial<CellState> };

function cellsReducer(state: Cells, a: CellAction): Cells {
  if (a.type === 'reset') return a.cells;
  const next = new Map(state);
  next.set(a.id, { ...(state.get(a.id) ?? EMPTY_CELL), ...a.patch });
  return next;
}

const cid = (de: Id, coc: Id) => `${de}|${coc}`;

/** Localised name of a metadata object. */
function useLocalName() {
  const { i18n } = useTranslation();
  return (o: { name: string; nameEn?: string | null; formName?: string | null }) =>
    i18n.language === 'en' ? o.nameEn || o.name : o.formName || o.name;
}

/** Consecutive elements of a section that share the same disaggregation form one grid. */
interface Block {
  key: string;
  elements: FormElement[];
  combos: OptionCombo[];
  categories: FormElement['categories'];
  isDefault: boolean;
}

function blocksOf(section: FormSection): Block[] {
  const out: Block[] = [];
  for (const el of section.elements) {
    const sig = el.optionCombos.map((c) => String(c.id)).join(',');
    const last = out[out.length - 1];
    if (last && last.key.endsWith(`#${sig}`)) last.elements.push(el);
    else {
      const isDefault = el.optionCombos.length <= 1 && (el.categories.length === 0 || el.categories.every((c) => c.code === 'default'));
      out.push({ key: `${out.length}#${sig}`, elements: [el], combos: el.optionCombos, categories: el.categories, isDefault });
    }
  }
  return out;
}

function numericOf(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function FormView(props: { dataSet: Id; orgUnit: Id; period: string; readOnly?: boolean; showApproverActions?: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const canWrite = useCan('data:write');
  const canApprove = useCan('data:approve');
  const online = useOnline();
  const localName = useLocalName();
  const formQ = useForm(props.dataSet, props.orgUnit, props.period);
  const form: EntryForm | undefined = formQ.data?.data;
  const outbox = useOutboxState();
  const plan = usePlanProgress(form);

  const [cells, dispatch] = useReducer(cellsReducer, new Map() as Cells);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const formRef = useRef(form);
  formRef.current = form;
  const rootRef = useRef<HTMLDivElement>(null);

  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [validating, setValidating] = useState(false);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [completeDialog, setCompleteDialog] = useState<{ violations: Violation[] } | null>(null);
  const [completeComment, setCompleteComment] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => setOutboxUser(me.username), [me.username]);

  const elements = useMemo(() => {
    const m = new Map<string, FormElement>();
    for (const s of form?.sections ?? []) for (const e of s.elements) m.set(String(e.id), e);
    return m;
  }, [form]);

  // Cell states from the loaded values, merged with what is happening locally (a save in flight, a
  // value queued offline or refused: the reload must not hide it), and the outbox on top.
  useEffect(() => {
    if (!form) return;
    let alive = true;
    const prevCells = cellsRef.current;
    const next: Cells = new Map();
    for (const v of form.values) {
      next.set(cid(v.dataElement, v.categoryOptionCombo), {
        saved: v.value,
        shown: v.value,
        lastUpdated: v.lastUpdated ?? null,
        storedBy: v.storedBy ?? null,
        comment: v.comment ?? null,
        followUp: !!v.followUp,
        status: 'idle',
      });
    }
    for (const [id, prev] of prevCells) {
      const server = next.get(id) ?? { ...EMPTY_CELL };
      if (prev.status === 'saving' || prev.status === 'queued' || prev.status === 'error') {
        const done = prev.status === 'queued' && (server.saved ?? null) === (prev.shown ?? null);
        next.set(id, done ? { ...server, status: 'saved' } : { ...server, shown: prev.shown, status: prev.status, message: prev.message });
      } else if (prev.status === 'saved' && (server.saved ?? null) === (prev.saved ?? null)) {
        next.set(id, { ...server, status: 'saved' });
      } else if (prev.status === 'saved' && prev.lastUpdated && (!server.lastUpdated || Date.parse(prev.lastUpdated) > Date.parse(server.lastUpdated))) {
        // A form that left the server before our save landed (a reload racing the outbox when the
        // connection returns): keep what we saved, it is the newer value.
        next.set(id, { ...server, saved: prev.saved, shown: prev.shown, lastUpdated: prev.lastUpdated, storedBy: prev.storedBy, status: 'saved' });
      }
    }
    dispatch({ type: 'reset', cells: next });
    void outboxFor(form.orgUnit.id, form.period.iso).then((items) => {
      if (!alive) return;
      for (const it of items) {
        dispatch({ type: 'patch', id: cid(it.body.dataElement, it.body.categoryOptionCombo), patch: { shown: it.body.value, status: 'queued' } });
      }
    });
    return () => {
      alive = false;
    };
  }, [form]);

  // --- validation (debounced after saves) ---
  const validateTimer = useRef<number | undefined>(undefined);
  const runValidation = useCallback(async () => {
    const f = formRef.current;
    if (!f) return;
    setValidating(true);
    try {
      const r = await validateForm(f.dataSet.id, f.orgUnit.id, f.period.iso);
      setViolations(r.violations ?? []);
    } catch {
      /* offline or not allowed: keep what we had */
    } finally {
      setValidating(false);
    }
  }, []);
  const scheduleValidation = useCallback(() => {
    window.clearTimeout(validateTimer.current);
    validateTimer.current = window.setTimeout(() => void runValidation(), 600);
  }, [runValidation]);
  useEffect(() => {
    if (form && !formQ.data?.offline) void runValidation();
    return () => window.clearTimeout(validateTimer.current);
  }, [form, formQ.data?.offline, runValidation]);

  // Keep the stored copy of the form in step with what was saved (so it reopens offline as it is).
  const rememberSaved = useCallback(
    (de: Id, coc: Id, r: SavedValue, extra?: { comment?: string | null; followUp?: boolean }) => {
      const f = formRef.current;
      if (!f) return;
      void patchCached<EntryForm>(formCacheKey(me.username, props.dataSet, props.orgUnit, props.period), (d) => {
        const same = (v: FormValue) => String(v.dataElement) === String(de) && String(v.categoryOptionCombo) === String(coc);
        const values = d.values.filter((v) => !same(v));
        if (r.value !== null) {
          const old = d.values.find(same);
          values.push({
            dataElement: String(de),
            categoryOptionCombo: String(coc),
            value: r.value,
            comment: extra && 'comment' in extra ? (extra.comment ?? null) : (old?.comment ?? null),
            followUp: extra?.followUp ?? old?.followUp ?? false,
            storedBy: r.storedBy,
            lastUpdated: r.lastUpdated ?? new Date().toISOString(),
          });
        }
        return { ...d, values };
      });
    },
    [me.username, props.dataSet, props.orgUnit, props.period],
  );

  // Values sent later by the outbox (after the connection came back).
  useEffect(
    () =>
      subscribeOutbox((e) => {
        const f = formRef.current;
        if (!f || (e.type !== 'sent' && e.type !== 'rejected')) return;
        const b = e.item.body;
        if (String(b.orgUnit) !== String(f.orgUnit.id) || b.period !== f.period.iso) return;
        const id = cid(b.dataElement, b.categoryOptionCombo);
        if (e.type === 'sent') {
          dispatch({
            type: 'patch',
            id,
            patch: { saved: e.result.value, shown: e.result.value, lastUpdated: e.result.lastUpdated, storedBy: e.result.storedBy, status: 'saved', message: null },
          });
          rememberSaved(b.dataElement, b.categoryOptionCombo, e.result);
          scheduleValidation();
        } else {
          const cur = cellsRef.current.get(id);
          dispatch({ type: 'patch', id, patch: { shown: cur?.saved ?? null, status: 'error', message: e.error.message } });
        }
      }),
    [rememberSaved, scheduleValidation],
  );

  const labelOf = useCallback(
    (el: FormElement, coc: OptionCombo | undefined) => {
      const f = formRef.current;
      const parts = [localName(el)];
      if (coc && coc.code !== 'default' && el.optionCombos.length > 1) parts.push(localName(coc));
      return `${parts.join(' — ')} · ${f?.orgUnit.name ?? ''} · ${periodLabel(f?.period.iso ?? '')}`;
    },
    [localName],
  );

  const onCommit = useCallback(
    async (id: string, value: string | null) => {
      const f = formRef.current;
      if (!f) return;
      const [deId, cocId] = id.split('|');
      const el = elements.get(deId!);
      const coc = el?.optionCombos.find((c) => String(c.id) === cocId);
      if (!el || !coc) return;
      const cur = cellsRef.current.get(id) ?? EMPTY_CELL;
      dispatch({ type: 'patch', id, patch: { shown: value, status: 'saving', message: null } });
      const outcome = await saveValue(
        { dataElement: el.id, categoryOptionCombo: coc.id, orgUnit: f.orgUnit.id, period: f.period.iso, value, baseLastUpdated: cur.lastUpdated },
        labelOf(el, coc),
      );
      // A newer edit of the same cell may have started meanwhile: only the latest one decides the state.
      const now = cellsRef.current.get(id);
      if (now && now.shown !== value) return;
      if (outcome.status === 'saved') {
        const r = outcome.result;
        dispatch({ type: 'patch', id, patch: { saved: r.value, shown: r.value, lastUpdated: r.lastUpdated, storedBy: r.storedBy, status: 'saved', message: null } });
        rememberSaved(el.id, coc.id, r);
        scheduleValidation();
      } else if (outcome.status === 'queued') {
        dispatch({ type: 'patch', id, patch: { status: 'queued', message: null } });
      } else {
        dispatch({ type: 'patch', id, patch: { status: 'error', message: outcome.error.message } });
      }
    },
    [elements, labelOf, rememberSaved, scheduleValidation],
  );

  const onRevert = useCallback((id: string) => {
    const f = formRef.current;
    const cur = cellsRef.current.get(id);
    if (!cur || !f) return;
    if (cur.status === 'queued' || cur.status === 'error') {
      const [de, coc] = id.split('|');
      if (cur.status === 'queued') void discard(cellKey(f.orgUnit.id, f.period.iso, de!, coc!));
      dispatch({ type: 'patch', id, patch: { shown: cur.saved, status: 'idle', message: null } });
    }
  }, []);

  const onMove = useCallback((from: HTMLInputElement, move: Move) => {
    const root = rootRef.current;
    if (!root) return;
    const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[data-cell]'));
    const i = inputs.indexOf(from);
    let target: HTMLInputElement | undefined;
    if (move === 'next') target = inputs[i + 1];
    else if (move === 'prev') target = inputs[i - 1];
    else {
      const row = Number(from.dataset.row) + (move === 'down' ? 1 : -1);
      const col = Number(from.dataset.col);
      let best = Infinity;
      for (const x of inputs) {
        if (Number(x.dataset.row) !== row) continue;
        const d = Math.abs(Number(x.dataset.col) - col);
        if (d < best) {
          best = d;
          target = x;
        }
      }
    }
    if (target) {
      target.focus();
      target.select();
    }
  }, []);

  const onDetails = useCallback((id: string) => setDetailsId(id), []);

  // Showing the stored copy and the connection is back: load the live form.
  const showingCached = !!formQ.data?.offline;
  const refetchForm = formQ.refetch;
  useEffect(() => {
    if (online && showingCached) void refetchForm();
  }, [online, showingCached, refetchForm]);

  if (formQ.isPending) return <Loading />;
  if (formQ.isError) return <ErrorAlert error={formQ.error} testId="form-error" />;
  if (!form) return null;

  const status = form.status;
  const editable = !props.readOnly && canWrite && status.editable;
  const formPrefix = `${form.orgUnit.id}|${form.period.iso}|`;
  const queuedHere = outbox.items.filter((i) => i.key.startsWith(formPrefix)).length;
  const violatedElements = new Set((violations ?? []).flatMap((v) => (v.dataElements ?? []).map(String)));
  const bounds = new Map(form.bounds.map((b) => [cid(b.dataElement, b.categoryOptionCombo), b]));
  const valueCount = [...cells.values()].filter((c) => c.shown !== null && c.shown !== '').length;

  const outlierOf = (id: string, shown: string | null): string | null => {
    const b = bounds.get(id);
    const n = numericOf(shown);
    if (!b || n === null) return null;
    if ((b.min !== null && n < b.min) || (b.max !== null && n > b.max)) return `${formatNumber(b.min ?? 0)}–${formatNumber(b.max ?? 0)}`;
    return null;
  };

  const complete = async (comment?: string) => {
    setActionError(null);
    setBusy(true);
    try {
      if ((await outboxFor(form.orgUnit.id, form.period.iso)).length) {
        await flushOutbox();
        if ((await outboxFor(form.orgUnit.id, form.period.iso)).length) {
          setActionError(t('entry.complete.pending'));
          return;
        }
      }
      await api.post('/api/forms/complete', { dataSet: form.dataSet.id, orgUnit: form.orgUnit.id, period: form.period.iso, comment: comment || undefined });
      setCompleteDialog(null);
      setCompleteComment('');
      await refresh();
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { violations?: Violation[] } | null) : null;
      const vs = details?.violations;
      if (e instanceof ApiError && vs && vs.length) {
        setViolations(vs);
        if (vs.some((v) => v.blocking) || /blocking/i.test(e.code)) {
          setCompleteDialog(null);
          setActionError(e.message);
        } else {
          setCompleteDialog({ violations: vs });
          if (comment !== undefined) setActionError(e.message);
        }
      } else setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const uncomplete = async () => {
    setActionError(null);
    setBusy(true);
    try {
      await api.post('/api/forms/uncomplete', { dataSet: form.dataSet.id, orgUnit: form.orgUnit.id, period: form.period.iso });
      await refresh();
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  async function refresh() {
    await qc.invalidateQueries({ queryKey: entryKeys.form(props.dataSet, props.orgUnit, props.period) });
    await qc.invalidateQueries({ queryKey: ['approvals'] });
    props.onChanged?.();
  }

  const detailsEl = detailsId ? elements.get(detailsId.split('|')[0]!) : undefined;
  const detailsCoc = detailsEl?.optionCombos.find((c) => String(c.id) === detailsId!.split('|')[1]);
  const reason = reasonText(status.reason, status.closesOn);

  let row = 0;
  return (
    <Stack gap="sm" ref={rootRef} data-testid="entry-form">
      <Paper withBorder p="sm" data-testid="form-status">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Title order={4} data-testid="form-title">
              {localName(form.dataSet)} — {form.orgUnit.name} — {periodLabel(form.period.iso)}
            </Title>
            <Group gap="xs">
              <StateBadge state={status.state} valueCount={valueCount} onTime={status.onTime} testId="form-state" />
              {status.deadline && (
                <Text size="sm" data-testid="form-deadline">
                  {t('entry.status.deadline', { date: formatDate(status.deadline) })}
                </Text>
              )}
              {status.closesOn && (
                <Text size="sm" c="dimmed">
                  {t('entry.status.closesOn', { date: formatDate(status.closesOn) })}
                </Text>
              )}
              {status.completedAt && (
                <Text size="sm" c="dimmed">
                  {t('entry.status.completedBy', { user: status.completedBy ?? '', at: formatDateTime(status.completedAt) })}
                  {status.onTime === true ? ` — ${t('entry.status.onTime')}` : status.onTime === false ? ` — ${t('entry.status.late')}` : ''}
                </Text>
              )}
              {status.approvedAt && (
                <Text size="sm" c="dimmed">
                  {t('entry.status.approvedBy', { user: status.approvedBy ?? '', at: formatDateTime(status.approvedAt) })}
                </Text>
              )}
            </Group>
          </Stack>
          <Group gap="xs">
            {validating && (
              <Text size="xs" c="dimmed">
                {t('entry.validation.running')}
              </Text>
            )}
            {!props.readOnly && (status.actions?.complete ?? (canWrite && status.editable)) && status.state !== 'completed' && status.state !== 'approved' && (
              <Button onClick={() => void complete()} loading={busy} data-testid="form-complete">
                {t('entry.actions.complete')}
              </Button>
            )}
            {!props.readOnly && status.state === 'completed' && (status.actions?.uncomplete ?? canWrite) && (
              <Button variant="default" onClick={() => void uncomplete()} loading={busy} data-testid="form-uncomplete">
                {t('entry.actions.uncomplete')}
              </Button>
            )}
            {props.showApproverActions && canApprove && (status.actions?.approve || status.actions?.reopen || status.actions === undefined) && (
              <WorkflowButtons
                dataSet={form.dataSet.id}
                orgUnit={form.orgUnit.id}
                orgUnitCode={form.orgUnit.code}
                period={form.period.iso}
                state={status.state}
                size="sm"
                onDone={() => void refresh()}
              />
            )}
          </Group>
        </Group>
        {!editable && (
          <Alert color={status.state === 'approved' ? 'green' : 'gray'} mt="xs" p="xs" data-testid="form-readonly">
            {reason ?? (props.readOnly || !canWrite ? t('entry.reason.readOnly') : t('entry.reason.locked'))}
          </Alert>
        )}
        {status.comment && (
          <Text size="sm" mt={4} data-testid="form-comment">
            {t('entry.status.comment')}: {status.comment}
          </Text>
        )}
        {actionError && (
          <Alert color="red" mt="xs" p="xs" data-testid="form-action-error" withCloseButton onClose={() => setActionError(null)}>
            {actionError}
          </Alert>
        )}
      </Paper>

      {(!online || formQ.data?.offline) && (
        <Alert color="yellow" p="xs" data-testid="offline-banner">
          {formQ.data?.offline ? t('entry.offline.cachedForm', { at: formatDateTime(formQ.data.savedAt) }) : t('entry.offline.banner')}
        </Alert>
      )}
      {queuedHere > 0 && (
        <Alert color="yellow" p="xs" data-testid="outbox-count">
          <Group justify="space-between">
            <span>{t('entry.offline.queued', { count: queuedHere })}</span>
            {online && (
              <Button size="xs" variant="light" onClick={() => void flushOutbox()} data-testid="outbox-send">
                {t('entry.offline.sendNow')}
              </Button>
            )}
          </Group>
        </Alert>
      )}

      {violations && violations.length > 0 && (
        <Paper withBorder p="sm" data-testid="violations" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
          <Text fw={600} size="sm" mb={4}>
            {t('entry.validation.title', { count: violations.length })}
          </Text>
          <Stack gap={2}>
            {violations.map((v, i) => (
              <Group key={`${v.rule.code}-${i}`} gap="xs" wrap="nowrap" data-testid={`violation-${v.rule.code}`}>
                <Badge size="xs" color={v.blocking ? 'red' : 'orange'}>
                  {v.blocking ? t('entry.validation.error') : t('entry.validation.warning')}
                </Badge>
                <Text size="sm">
                  {v.message || v.rule.name}
                  {v.leftValue !== undefined && v.rightValue !== undefined && v.leftValue !== null && v.rightValue !== null && (
                    <Text span c="dimmed" size="xs">
                      {' '}
                      ({formatNumber(v.leftValue)} {opSign(v.operator)} {formatNumber(v.rightValue)})
                    </Text>
                  )}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {violations && violations.length === 0 && valueCount > 0 && (
        <Text size="sm" c="green" data-testid="violations-none">
          {t('entry.validation.none')}
        </Text>
      )}

      {form.sections.map((section) => (
        <Paper key={String(section.id)} withBorder p="sm" data-testid={`section-${section.code ?? section.id}`}>
          <Title order={5} mb="xs">
            {localName(section)}
          </Title>
          {blocksOf(section).map((block) => {
            const multi = block.combos.length > 1;
            const numeric = block.elements.every((e) => isNumericType(e.valueType));
            const headerRows = headerRowsOf(block, localName);
            return (
              <Table.ScrollContainer key={block.key} minWidth={300} mb="xs">
                <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={6} style={{ width: 'auto', minWidth: '60%' }}>
                  <Table.Thead>
                    {headerRows.map((cells, hi) => (
                      <Table.Tr key={hi}>
                        {hi === 0 && (
                          <Table.Th rowSpan={headerRows.length} style={{ minWidth: 260 }}>
                            {t('entry.form.element')}
                          </Table.Th>
                        )}
                        {cells.map((c, ci) => (
                          <Table.Th key={ci} colSpan={c.span} style={{ textAlign: 'center', fontWeight: 500, fontSize: 13 }}>
                            {c.label}
                          </Table.Th>
                        ))}
                        {hi === 0 && multi && numeric && (
                          <Table.Th rowSpan={headerRows.length} style={{ textAlign: 'center' }}>
                            {t('entry.form.total')}
                          </Table.Th>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Thead>
                  <Table.Tbody>
                    {block.elements.map((el) => {
                      const r = row++;
                      let total = 0;
                      let any = false;
                      return (
                        <Table.Tr key={String(el.id)}>
                          <Table.Td style={{ fontSize: 14 }}>
                            {localName(el)}
                            {plan.get(String(el.id)) !== undefined && (
                              <Text span size="xs" c="blue.8" data-testid={`plan-${el.code}`}>
                                {' '}
                                · {t('entry.plan.progress', { pct: formatPercent(plan.get(String(el.id))!) })}
                              </Text>
                            )}
                            {el.unit && (
                              <Text span size="xs" c="dimmed">
                                {' '}
                                ({el.unit})
                              </Text>
                            )}
                          </Table.Td>
                          {el.optionCombos.map((coc, ci) => {
                            const id = cid(el.id, coc.id);
                            const st = cells.get(id) ?? EMPTY_CELL;
                            const n = numericOf(st.shown);
                            if (n !== null) {
                              total += n;
                              any = true;
                            }
                            return (
                              <Table.Td key={String(coc.id)} style={{ verticalAlign: 'top' }}>
                                <Cell
                                  cellId={id}
                                  testKey={`${el.code}-${coc.code ?? coc.id}`}
                                  valueType={el.valueType}
                                  state={st}
                                  editable={editable}
                                  row={r}
                                  col={ci}
                                  label={`${localName(el)}${multi ? ` — ${localName(coc)}` : ''}`}
                                  outlier={outlierOf(id, st.shown)}
                                  highlighted={violatedElements.has(String(el.id))}
                                  onCommit={onCommit}
                                  onRevert={onRevert}
                                  onMove={onMove}
                                  onDetails={onDetails}
                                />
                              </Table.Td>
                            );
                          })}
                          {multi && numeric && (
                            <Table.Td style={{ textAlign: 'right', fontWeight: 600, verticalAlign: 'top', paddingTop: 8 }} data-testid={`total-${el.code}`}>
                              {any ? formatNumber(total) : ''}
                            </Table.Td>
                          )}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            );
          })}
        </Paper>
      ))}

      <Text size="xs" c="dimmed" data-testid="keyboard-help">
        {t('entry.form.keyboardHelp')}
      </Text>

      {form.events.length > 0 && (
        <Paper withBorder p="sm" data-testid="form-events">
          <Text fw={600} size="sm" mb={4}>
            {t('entry.events.title')}
          </Text>
          <Stack gap={2}>
            {form.events.map((ev, i) => (
              <Text key={i} size="sm">
                {formatDateTime(ev.at)} — {t(`entry.events.${ev.action}`, { defaultValue: ev.action })} — {ev.username ?? ''}
                {ev.comment ? `: ${ev.comment}` : ''}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}

      <Modal opened={completeDialog !== null} onClose={() => setCompleteDialog(null)} title={t('entry.complete.warningsTitle')} size="lg">
        <Stack>
          <Text size="sm">{t('entry.complete.warningsText')}</Text>
          <Stack gap={2}>
            {completeDialog?.violations.map((v, i) => (
              <Text key={i} size="sm" c="orange.8">
                • {v.message || v.rule.name}
              </Text>
            ))}
          </Stack>
          <Textarea
            label={t('entry.complete.comment')}
            required
            autosize
            minRows={3}
            data-autofocus
            value={completeComment}
            onChange={(e) => setCompleteComment(e.currentTarget.value)}
            data-testid="complete-comment"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCompleteDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} disabled={!completeComment.trim()} onClick={() => void complete(completeComment.trim())} data-testid="complete-confirm">
              {t('entry.actions.complete')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      {detailsEl && detailsCoc && (
        <CellDetails
          key={detailsId!}
          element={detailsEl}
          coc={detailsCoc}
          form={form}
          state={cells.get(detailsId!) ?? EMPTY_CELL}
          editable={editable}
          label={labelOf(detailsEl, detailsCoc)}
          onClose={() => setDetailsId(null)}
          onSaved={(r, extra) => {
            dispatch({
              type: 'patch',
              id: detailsId!,
              patch: { saved: r.value, shown: r.value, lastUpdated: r.lastUpdated, storedBy: r.storedBy, status: 'saved', message: null, ...extra },
            });
            rememberSaved(detailsEl.id, detailsCoc.id, r, extra);
          }}
          onQueued={(extra) => dispatch({ type: 'patch', id: detailsId!, patch: { status: 'queued', ...extra } })}
        />
      )}
    </Stack>
  );
}

/** "% of plan" (year to date) per data element with an annual target; empty when plans are unavailable. */
function usePlanProgress(form: EntryForm | undefined): Map<string, number> {
  const monthly = !!form && /^\d{6}$/.test(form.period.iso);
  const q = useQuery({
    queryKey: ['entry', 'plan', form ? String(form.orgUnit.id) : '', form?.period.iso ?? ''],
    queryFn: () =>
      api.get<Progress>('/api/plans/progress', {
        orgUnit: form!.orgUnit.id,
        year: form!.period.iso.slice(0, 4),
        period: form!.period.iso,
      }),
    enabled: monthly,
    retry: false,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const m = new Map<string, number>();
    for (const it of q.data?.items ?? []) {
      if (it.targetType === 'dataElement' && !it.categoryOptionCombo && it.ytdPercent !== null) m.set(String(it.target.id), it.ytdPercent);
    }
    return m;
  }, [q.data]);
}

function formatPercent(v: number): string {
  return `${new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(v)} %`;
}

function opSign(op?: string): string {
  switch (op) {
    case 'equal_to':
      return '≠';
    case 'not_equal_to':
      return '=';
    case 'greater_than':
      return '≤';
    case 'greater_than_or_equal_to':
      return '<';
    case 'less_than':
      return '≥';
    case 'less_than_or_equal_to':
      return '>';
    default:
      return 'vs';
  }
}

/** Header rows of a grid: one per category (with column spans) when the combos form the full product. */
function headerRowsOf(block: Block, localName: (o: { name: string; nameEn?: string | null }) => string): { label: string; span: number }[][] {
  if (block.isDefault) return [[{ label: i18n.t('entry.form.value'), span: 1 }]];
  const cats = block.categories;
  const product = cats.reduce((n, c) => n * c.options.length, 1);
  if (cats.length >= 2 && product === block.combos.length) {
    const rows: { label: string; span: number }[][] = [];
    for (let i = 0; i < cats.length; i++) {
      const before = cats.slice(0, i).reduce((n, c) => n * c.options.length, 1);
      const after = cats.slice(i + 1).reduce((n, c) => n * c.options.length, 1);
      const r: { label: string; span: number }[] = [];
      for (let b = 0; b < before; b++) for (const o of cats[i]!.options) r.push({ label: localName(o), span: after });
      rows.push(r);
    }
    return rows;
  }
  return [block.combos.map((c) => ({ label: localName(c), span: 1 }))];
}
