// The entry form of one data set × unit × period: sections of disaggregation grids (a column of
// fields on a phone), per-cell autosave through the offline outbox, validation shown at the cells it
// involves, outlier hints, a section index, and a sticky status bar with complete / uncomplete.
import { Alert, Badge, Button, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Id } from '../../api';
import { useCan, useMe } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDateTime, formatNumber } from '../../format';
import { flushOutbox, outboxFor, setOutboxUser, useOnline, useOutboxState } from '../../offline';
import { EMPTY_CELL, type Move } from './Cell';
import { CellDetails } from './CellDetails';
import { CompleteDialog, type OutlierLine } from './CompleteDialog';
import { entryKeys, useForm } from './entryApi';
import { FormHeader } from './FormHeader';
import { cellInfos, cid, useLocalName, type SectionEnv } from './formModel';
import { violationText } from './IssueNotes';
import { cellOrder, issuesOf, nextStop, outlierOf, outliersOf, severityByCell, stopsOf, type CellIssue } from './issues';
import { PhoneFields } from './PhoneFields';
import { usePlanProgress } from './planProgress';
import { SectionGrid } from './SectionGrid';
import { SectionIndex, SectionPicker, type IndexItem } from './SectionIndex';
import { StatusBar } from './StatusBar';
import { useFormCells } from './useFormCells';
import type { EntryForm, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';

/** Below this width the form is a column of labelled fields (phone). */
const PHONE = '(max-width: 599px)';
/** From this width the section index is a sticky column beside the form. */
const WIDE = '(min-width: 1200px)';

function useMedia(query: string): boolean {
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false;
  return useMediaQuery(query, initial, { getInitialValueInEffect: false }) ?? initial;
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

  const { cells, dispatch, elements, violations, setViolations, validating, rememberSaved, labelOf, onCommit, onRevert } = useFormCells(
    form,
    !!formQ.data?.offline,
    { username: me.username, dataSet: props.dataSet, orgUnit: props.orgUnit, period: props.period },
    localName,
  );
  const rootRef = useRef<HTMLDivElement>(null);

  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [completeDialog, setCompleteDialog] = useState<{ violations: Violation[]; outliers: OutlierLine[] } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setOutboxUser(me.username), [me.username]);

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

  // --- where the problems are ---
  const isPhone = useMedia(PHONE);
  const wide = useMedia(WIDE);
  const sections = useMemo(() => form?.sections ?? [], [form]);
  const info = useMemo(() => cellInfos(sections, localName), [sections, localName]);
  const order = useMemo(() => cellOrder({ sections }), [sections]);
  const rowOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of sections) for (const e of s.elements) m.set(String(e.id), m.size);
    return m;
  }, [sections]);
  const issues = useMemo(() => (form ? issuesOf(violations ?? [], form) : []), [form, violations]);
  const severity = useMemo(() => severityByCell(issues), [issues]);
  const issuesByElement = useMemo(() => {
    const m = new Map<string, CellIssue[]>();
    for (const is of issues) {
      const els = new Set(is.cells.map((id) => String(info.get(id)?.el.id)));
      for (const e of els) m.set(e, [...(m.get(e) ?? []), is]);
    }
    return m;
  }, [issues, info]);
  const outliers = useMemo(() => (form ? outliersOf(form, (id) => cells.get(id)?.shown) : []), [form, cells]);
  const stops = useMemo(() => stopsOf(issues, outliers, order), [issues, outliers, order]);
  const bounds = useMemo(() => new Map((form?.bounds ?? []).map((b) => [cid(b.dataElement, b.categoryOptionCombo), b])), [form]);
  const outlierText = useCallback(
    (id: string, shown: string | null) => {
      const o = outlierOf(bounds.get(id), shown);
      return o ? `${formatNumber(o.min)}–${formatNumber(o.max)}` : null;
    },
    [bounds],
  );

  // The cell last focused (the bar's buttons take the focus, "next" still starts from that cell).
  const [focused, setFocused] = useState<string | null>(null);
  const focusedRef = useRef<string | null>(null);
  const onFocusIn = useCallback((e: React.FocusEvent<HTMLElement>) => {
    const id = (e.target as HTMLElement).dataset?.cellId;
    if (id) {
      focusedRef.current = id;
      setFocused(id);
    }
  }, []);

  const goToCell = useCallback((id: string) => {
    const input = rootRef.current?.querySelector<HTMLInputElement>(`input[data-cell-id="${CSS.escape(id)}"]`);
    if (!input) return;
    input.scrollIntoView({ block: 'center' });
    input.focus({ preventScroll: true });
    input.select();
  }, []);
  const stopsRef = useRef(stops);
  stopsRef.current = stops;
  const step = useCallback(
    (dir: 1 | -1) => {
      const target = nextStop(stopsRef.current, focusedRef.current, dir, order);
      if (target) goToCell(target);
    },
    [order, goToCell],
  );
  // Alt+↓ / Alt+↑ or F8 / Shift+F8: next / previous problem, from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const down = (e.altKey && e.key === 'ArrowDown') || (e.key === 'F8' && !e.shiftKey);
      const up = (e.altKey && e.key === 'ArrowUp') || (e.key === 'F8' && e.shiftKey);
      if ((!down && !up) || !stopsRef.current.length) return;
      e.preventDefault();
      step(down ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step]);

  // The section in view (for the index), and jumping to one.
  const [currentSection, setCurrentSection] = useState(0);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const els = rootRef.current?.querySelectorAll<HTMLElement>('[data-section-index]') ?? [];
        let cur = 0;
        els.forEach((el, i) => {
          if (el.getBoundingClientRect().top < 140) cur = i;
        });
        setCurrentSection(cur);
      });
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, []);
  const jumpToSection = useCallback((i: number) => {
    rootRef.current?.querySelector<HTMLElement>(`[data-section-index="${i}"]`)?.scrollIntoView({ block: 'start' });
    setCurrentSection(i);
  }, []);

  if (formQ.isPending) return <Loading />;
  if (formQ.isError) return <ErrorAlert error={formQ.error} testId="form-error" />;
  if (!form) return null;

  const status = form.status;
  const editable = !props.readOnly && canWrite && status.editable;
  const formPrefix = `${form.orgUnit.id}|${form.period.iso}|`;
  const queuedHere = outbox.items.filter((i) => i.key.startsWith(formPrefix)).length;
  let valueCount = 0;
  let saving = 0;
  let saveErrors = 0;
  for (const c of cells.values()) {
    if (c.shown !== null && c.shown !== '') valueCount++;
    if (c.status === 'saving') saving++;
    if (c.status === 'error') saveErrors++;
  }
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  const warningCount = issues.length - errorCount;
  const stopAt = focused !== null && stops.includes(focused) ? stops.indexOf(focused) + 1 : null;

  const env: SectionEnv = {
    cells,
    editable,
    localName,
    plan,
    info,
    rowOf,
    severity,
    issuesByElement,
    outlierText,
    onCommit,
    onRevert,
    onMove,
    onDetails,
    goToCell,
  };

  const indexItems: IndexItem[] = sections.map((s, i) => {
    const problemCells = new Set<string>();
    for (const id of stops) if (info.get(id)?.section === i) problemCells.add(id);
    return { key: s.code ?? String(s.id ?? `other-${i}`), name: localName(s), problems: problemCells.size };
  });
  const showIndex = sections.length > 1;

  const outlierLines = (): OutlierLine[] =>
    outliers.map((o) => {
      const ci = info.get(o.id);
      return {
        id: o.id,
        testKey: ci?.testKey ?? o.id,
        label: ci?.label ?? o.id,
        value: formatNumber(o.value),
        range: `${formatNumber(o.min)}–${formatNumber(o.max)}`,
      };
    });

  const complete = async (comment?: string) => {
    setActionError(null);
    setBusy(true);
    try {
      if ((await outboxFor(form.orgUnit.id, form.period.iso)).length) {
        await flushOutbox();
        if ((await outboxFor(form.orgUnit.id, form.period.iso)).length) {
          setCompleteDialog(null);
          setActionError(t('entry.complete.pending'));
          return;
        }
      }
      await api.post('/api/forms/complete', { dataSet: form.dataSet.id, orgUnit: form.orgUnit.id, period: form.period.iso, comment: comment || undefined });
      setCompleteDialog(null);
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
          setCompleteDialog({ violations: vs, outliers: outlierLines() });
          if (comment !== undefined) setActionError(e.message);
        }
      } else setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Before completing: warnings the server will want explained and unusual values are asked about
  // in one dialog; blocking errors are left to the server, which refuses with its message.
  const onCompleteClick = () => {
    const known = violations ?? [];
    const warnings = known.filter((v) => !v.blocking);
    const lines = outlierLines();
    if (!known.some((v) => v.blocking) && (warnings.length || lines.length)) {
      setActionError(null);
      setCompleteDialog({ violations: warnings, outliers: lines });
    } else void complete();
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

  const canComplete = !props.readOnly && (status.actions?.complete ?? (canWrite && status.editable)) && status.state !== 'completed' && status.state !== 'approved';
  const canUncomplete = !props.readOnly && status.state === 'completed' && (status.actions?.uncomplete ?? canWrite);
  const actions = (
    <>
      {canComplete && (
        <Button size="sm" onClick={onCompleteClick} loading={busy} data-testid="form-complete" style={{ flex: 'none' }}>
          {t('entry.actions.complete')}
        </Button>
      )}
      {canUncomplete && (
        <Button size="sm" variant="default" onClick={() => void uncomplete()} loading={busy} data-testid="form-uncomplete" style={{ flex: 'none' }}>
          {t('entry.actions.uncomplete')}
        </Button>
      )}
    </>
  );

  const sectionList = (
    <Stack gap="sm" style={{ minWidth: 0 }}>
      {sections.map((section, i) => (
        <Paper
          key={String(section.id ?? `other-${i}`)}
          withBorder
          p="sm"
          data-section-index={i}
          data-testid={`section-${section.code ?? section.id}`}
          style={{ scrollMarginTop: 72, minWidth: 0 }}
        >
          <Title order={5} mb="xs" style={{ overflowWrap: 'anywhere' }}>
            {localName(section)}
          </Title>
          {isPhone ? <PhoneFields section={section} env={env} /> : <SectionGrid section={section} env={env} />}
        </Paper>
      ))}
    </Stack>
  );

  return (
    <Stack gap="sm" ref={rootRef} data-testid="entry-form" data-layout={isPhone ? 'phone' : 'grid'} onFocus={onFocusIn} style={{ minWidth: 0 }}>
      <FormHeader
        form={form}
        localName={localName}
        valueCount={valueCount}
        editable={editable}
        readOnly={!!props.readOnly}
        canWrite={canWrite}
        approverActions={!!props.showApproverActions && canApprove && (status.actions?.approve || status.actions?.return || status.actions?.reopen || status.actions === undefined)}
        onWorkflowDone={() => void refresh()}
        actionError={actionError}
        onCloseError={() => setActionError(null)}
      />

      {(!online || formQ.data?.offline) && (
        <Alert color="yellow" p="xs" data-testid="offline-banner">
          {formQ.data?.offline ? t('entry.offline.cachedForm', { at: formatDateTime(formQ.data.savedAt) }) : t('entry.offline.banner')}
        </Alert>
      )}

      {issues.length > 0 && (
        <Paper withBorder p="xs" data-testid="violations" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
          <Text fw={600} size="sm">
            {t('entry.validation.title', { count: issues.length })}
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            {t('entry.issue.listHint')}
          </Text>
          <Stack gap={2}>
            {issues.map((is) => (
              <UnstyledButton
                key={is.key}
                onClick={() => is.cells[0] && goToCell(is.cells[0])}
                data-testid={`violation-${is.violation.rule.code}`}
                style={{ display: 'flex', gap: 6, alignItems: 'baseline', minWidth: 0 }}
              >
                <Badge size="xs" color={is.severity === 'error' ? 'red' : 'orange'} style={{ flex: 'none' }}>
                  {is.severity === 'error' ? t('entry.validation.error') : t('entry.validation.warning')}
                </Badge>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {violationText(is.violation)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      )}

      {showIndex && wide ? (
        <div style={{ display: 'grid', gridTemplateColumns: '190px minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
          <SectionIndex items={indexItems} current={currentSection} onJump={jumpToSection} />
          {sectionList}
        </div>
      ) : (
        sectionList
      )}

      {!isPhone && (
        <Text size="xs" c="dimmed" data-testid="keyboard-help">
          {t('entry.form.keyboardHelp')}
        </Text>
      )}

      {form.events.length > 0 && (
        <Paper withBorder p="sm" data-testid="form-events">
          <Text fw={600} size="sm" mb={4}>
            {t('entry.events.title')}
          </Text>
          <Stack gap={2}>
            {form.events.map((ev, i) => (
              <Text key={i} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {formatDateTime(ev.at)} — {t(`entry.events.${ev.action}`, { defaultValue: ev.action })} — {ev.username ?? ''}
                {ev.comment ? `: ${ev.comment}` : ''}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}

      <StatusBar
        editable={editable}
        online={online}
        saving={saving}
        saveErrors={saveErrors}
        queued={queuedHere}
        valueCount={valueCount}
        onSendNow={() => void flushOutbox()}
        checked={violations !== null}
        validating={validating}
        errors={errorCount}
        warnings={warningCount}
        outliers={outliers.length}
        stopCount={stops.length}
        stopAt={stopAt}
        onPrev={() => step(-1)}
        onNext={() => step(1)}
        sectionPicker={showIndex && !wide ? <SectionPicker items={indexItems} current={currentSection} onJump={jumpToSection} /> : null}
        actions={actions}
      />

      {completeDialog && (
        <CompleteDialog
          violations={completeDialog.violations}
          outliers={completeDialog.outliers}
          busy={busy}
          onCancel={() => setCompleteDialog(null)}
          onConfirm={(comment) => void complete(comment)}
          onGo={(id) => {
            setCompleteDialog(null);
            // After the dialog has closed and given the focus back.
            window.setTimeout(() => goToCell(id), 250);
          }}
        />
      )}

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
