// The cells of an entry form: their states (saved / typed / saving / queued offline / refused),
// merged from the loaded form, the outbox and local edits; saving a value; and the validation that
// runs (debounced) after each save.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Id } from '../../api';
import { cellKey, discard, outboxFor, patchCached, saveValue, subscribeOutbox } from '../../offline';
import type { EntryForm, FormElement, FormValue, OptionCombo, SavedValue, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { EMPTY_CELL, type CellState } from './Cell';
import { formCacheKey, validateForm } from './entryApi';
import { cid, type LocalName } from './formModel';
import { periodLabel } from './periods';

export type Cells = Map<string, CellState>;
export type CellAction = { type: 'reset'; cells: Cells } | { type: 'patch'; id: string; patch: Partial<CellState> };

function cellsReducer(state: Cells, a: CellAction): Cells {
  if (a.type === 'reset') return a.cells;
  const next = new Map(state);
  next.set(a.id, { ...(state.get(a.id) ?? EMPTY_CELL), ...a.patch });
  return next;
}

export function useFormCells(
  form: EntryForm | undefined,
  offline: boolean,
  props: { username: string; dataSet: Id; orgUnit: Id; period: string },
  localName: LocalName,
) {
  const [cells, dispatch] = useReducer(cellsReducer, new Map() as Cells);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const formRef = useRef(form);
  formRef.current = form;
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [validating, setValidating] = useState(false);

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
    if (form && !offline) void runValidation();
    return () => window.clearTimeout(validateTimer.current);
  }, [form, offline, runValidation]);

  // Keep the stored copy of the form in step with what was saved (so it reopens offline as it is).
  const rememberSaved = useCallback(
    (de: Id, coc: Id, r: SavedValue, extra?: { comment?: string | null; followUp?: boolean }) => {
      const f = formRef.current;
      if (!f) return;
      void patchCached<EntryForm>(formCacheKey(props.username, props.dataSet, props.orgUnit, props.period), (d) => {
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
    [props.username, props.dataSet, props.orgUnit, props.period],
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

  return { cells, dispatch, elements, violations, setViolations, validating, rememberSaved, labelOf, onCommit, onRevert };
}
