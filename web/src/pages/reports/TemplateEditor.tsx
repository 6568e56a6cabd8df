// /reports/templates/:code — a report template: header fields, the outline of blocks (reorder, delete,
// add each type; a table's columns and rows as JSON), signature and recipients; "Kiểm tra" lists the
// server's validation errors with their place (the block is highlighted), "Lưu" makes a new version,
// "Lưu thành mẫu mới" a new code; JSON export/import; older versions can be opened. Editing needs
// metadata:write; everyone else sees it read-only. /reports/templates/new starts an empty template.
import {
  Alert, Anchor, Badge, Button, Checkbox, FileButton, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Textarea,
  TextInput, Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDateTime } from '../../format';
import { Link, navigate } from '../../router';
import { ExpressionHelp } from './ExpressionHelp';
import { EditorBoundary, StickyBar, useUnsavedGuard } from './parts';
import {
  BLOCK_TYPES, PERIOD_KINDS, UNIT_KINDS, downloadFile, reportKeys, reportsApi, useTemplate, useTemplateVersions, validationIssues,
  type BlockType, type ReportPeriodKind, type TableBlock, type TemplateBlock, type TemplateDefinition, type TemplateProblem, type TemplateUnitKind,
} from './reportsApi';

const NEW = 'new';
const EXPR_EXAMPLES = '{{unit upper=yes}} · {{period}} · {{value CD_INFLUENZA}} · {{ofPlan EPI_FULL_U1}} · **đậm** · *nghiêng*';

function emptyDefinition(): TemplateDefinition {
  return {
    code: '',
    name: '',
    nameEn: '',
    description: '',
    unitKind: 'centre',
    periodKinds: ['Monthly'],
    header: {
      parentBody: '{{parent upper=yes}}',
      issuingBody: '{{unit upper=yes}}',
      numberPattern: '{number}/BC-TTYT',
      place: '{{place}}',
      documentType: 'BÁO CÁO',
      summary: 'Kết quả hoạt động {{period}}',
    },
    blocks: [{ type: 'heading', level: 2, text: 'I. ' }],
    signature: { authority: ['GIÁM ĐỐC'], signer: '' },
    recipients: ['Lưu: VT'],
  };
}

function newBlock(type: BlockType): TemplateBlock {
  switch (type) {
    case 'heading':
      return { type, level: 2, text: '' };
    case 'text':
      return { type, text: '' };
    case 'free':
      return { type, key: '', label: '', hint: '' };
    case 'consolidated':
      return { type, key: '', label: '' };
    case 'table':
      return { type, title: '', rows: 'items', items: [{ item: '', label: '' }], columns: [{ label: '', measure: 'value' }] };
    case 'tasks':
      return { type, title: '', view: 'list', source: 'led', when: 'period' };
  }
}

/** What is sent: list lines trimmed and empty lines dropped. */
function cleaned(def: TemplateDefinition): TemplateDefinition {
  const lines = (a: string[]) => a.map((s) => s.trim()).filter(Boolean);
  return {
    ...def,
    code: def.code.trim(),
    signature: { ...def.signature, authority: lines(def.signature.authority) },
    recipients: lines(def.recipients),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) ? v.map((x) => str(x)) : fallback);

/** A block of an imported file with every field the editor shows present; null for an unknown type. */
function normaliseBlock(b: unknown): TemplateBlock | null {
  if (!isObject(b) || !(BLOCK_TYPES as readonly unknown[]).includes(b.type)) return null;
  switch (b.type as BlockType) {
    case 'heading':
      return { ...b, type: 'heading', level: typeof b.level === 'number' ? b.level : 2, text: str(b.text) };
    case 'text':
      return { ...b, type: 'text', text: str(b.text) };
    case 'free':
      return { ...b, type: 'free', key: str(b.key), label: str(b.label), hint: str(b.hint), default: str(b.default) };
    case 'consolidated':
      return { ...b, type: 'consolidated', key: str(b.key), label: str(b.label) };
    case 'table':
      return {
        ...b,
        type: 'table',
        title: str(b.title),
        rows: b.rows === 'subunits' ? 'subunits' : 'items',
        columns: Array.isArray(b.columns) ? (b.columns as TableBlock['columns']) : [],
        items: Array.isArray(b.items) ? (b.items as NonNullable<TableBlock['items']>) : [],
      } as TableBlock;
    case 'tasks':
      return {
        ...b,
        type: 'tasks',
        title: str(b.title),
        view: b.view === 'summary' || b.view === 'counts' ? b.view : 'list',
        source: b.source === 'assigned' ? 'assigned' : 'led',
        when: b.when === 'next' ? 'next' : 'period',
      };
  }
}

/**
 * An imported file (a definition, or an export wrapping one in `definition`) merged over the empty
 * template, so a partial file gets the default header, signature and recipients. Throws a readable
 * error for anything that is not an object with code, name and blocks.
 */
export function definitionFromFile(parsed: unknown, t: (k: string, o?: Record<string, unknown>) => string): TemplateDefinition {
  const d = isObject(parsed) && isObject(parsed.definition) ? parsed.definition : parsed;
  if (!isObject(d)) throw new Error(t('reports.templates.importNotObject'));
  const missing = ['code', 'name'].filter((k) => typeof d[k] !== 'string' || !(d[k] as string).trim());
  if (!Array.isArray(d.blocks)) missing.push('blocks');
  if (missing.length) throw new Error(t('reports.templates.importMissing', { fields: missing.join(', ') }));
  const blocks: TemplateBlock[] = [];
  (d.blocks as unknown[]).forEach((b, i) => {
    const nb = normaliseBlock(b);
    if (!nb) throw new Error(t('reports.templates.importBadBlock', { n: i + 1, types: BLOCK_TYPES.join(', ') }));
    blocks.push(nb);
  });
  const base = emptyDefinition();
  const header = isObject(d.header) ? d.header : {};
  const signature = isObject(d.signature) ? d.signature : {};
  return {
    ...base,
    ...d,
    code: str(d.code).trim().toUpperCase(),
    name: str(d.name),
    nameEn: str(d.nameEn),
    description: str(d.description),
    unitKind: (UNIT_KINDS as readonly unknown[]).includes(d.unitKind) ? (d.unitKind as TemplateUnitKind) : base.unitKind,
    periodKinds: Array.isArray(d.periodKinds)
      ? PERIOD_KINDS.filter((k) => (d.periodKinds as unknown[]).includes(k))
      : base.periodKinds,
    header: Object.fromEntries(
      Object.entries(base.header).map(([k, v]) => [k, str(header[k], v)]),
    ) as TemplateDefinition['header'],
    blocks,
    signature: { ...signature, authority: strings(signature.authority, base.signature.authority), signer: str(signature.signer, base.signature.signer) },
    recipients: strings(d.recipients, base.recipients),
  };
}

/** "blocks[3].text" / "blocks.3.text" → 3 */
function blockIndexOf(path: string): number | null {
  const m = /^blocks(?:\[(\d+)\]|\.(\d+))/.exec(path);
  return m ? Number(m[1] ?? m[2]) : null;
}

let nextId = 1;
const freshIds = (n: number) => Array.from({ length: n }, () => nextId++);

export function TemplateEditor({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <EditorBoundary back="/reports/templates" backLabel={t('reports.templates.back')}>
      <TemplateEditorInner code={code} />
    </EditorBoundary>
  );
}

function TemplateEditorInner({ code }: { code: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canEdit = useCan('metadata:write');
  const isNew = code === NEW;
  const [viewVersion, setViewVersion] = useState<number | null>(null);
  const record = useTemplate(isNew ? null : code, viewVersion);
  const versions = useTemplateVersions(isNew ? null : code);
  const [def, setDef] = useState<TemplateDefinition | null>(isNew ? emptyDefinition() : null);
  // What the editor started from (the loaded version or the empty template): "unsaved" compares to it.
  const [baseline, setBaseline] = useState<string | null>(() => (isNew ? JSON.stringify(emptyDefinition()) : null));
  // Table fields whose JSON does not parse, as "<block id>:<field>".
  const [badJson, setBadJson] = useState<Set<string>>(() => new Set());
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [ids, setIds] = useState<number[]>(() => (isNew ? freshIds(1) : []));
  const [issues, setIssues] = useState<TemplateProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveAsOpen, setSaveAsOpen] = useState(false);
  const [newCode, setNewCode] = useState('');
  const resetFile = useRef<() => void>(null);

  const loaded = record.data;
  useEffect(() => {
    if (!loaded) return;
    setDef(loaded.definition);
    setBaseline(JSON.stringify(loaded.definition));
    setIds(freshIds(loaded.definition.blocks.length));
    setBadJson(new Set());
    setIssues(null);
  }, [loaded]);

  const setJsonValidity = useCallback((id: string, ok: boolean) => {
    setBadJson((cur) => {
      if (ok === !cur.has(id)) return cur;
      const next = new Set(cur);
      if (ok) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // Blocks (1-based numbers) that have a table field with JSON that does not parse.
  const badJsonBlocks = [...new Set([...badJson].map((k) => ids.indexOf(Number(k.split(':')[0]))).filter((i) => i >= 0))].sort((a, b) => a - b);
  const dirty = canEdit && def !== null && (badJsonBlocks.length > 0 || (baseline !== null && JSON.stringify(def) !== baseline));
  useUnsavedGuard(dirty, t('reports.templates.leaveUnsaved'));

  if (!isNew && record.isLoading) return <Loading />;
  if (!isNew && record.error) return (
    <Stack gap="sm">
      <Anchor component={Link} to="/reports/templates">← {t('reports.templates.back')}</Anchor>
      <ErrorAlert error={record.error} testId="template-error" />
    </Stack>
  );
  if (!def) return <Loading />;

  const update = (patch: Partial<TemplateDefinition>) => setDef((d) => (d ? { ...d, ...patch } : d));
  const setHeader = (k: keyof TemplateDefinition['header'], v: string) => setDef((d) => (d ? { ...d, header: { ...d.header, [k]: v } } : d));
  const setBlock = (i: number, b: TemplateBlock) => setDef((d) => (d ? { ...d, blocks: d.blocks.map((x, j) => (j === i ? b : x)) } : d));
  const move = (i: number, delta: number) => {
    const j = i + delta;
    if (j < 0 || j >= def.blocks.length) return;
    const swap = <T,>(a: T[]) => {
      const c = [...a];
      [c[i], c[j]] = [c[j]!, c[i]!];
      return c;
    };
    setDef({ ...def, blocks: swap(def.blocks) });
    setIds(swap(ids));
  };
  const remove = (i: number) => {
    setDef({ ...def, blocks: def.blocks.filter((_, j) => j !== i) });
    setIds(ids.filter((_, j) => j !== i));
  };
  const add = (type: BlockType) => {
    setDef({ ...def, blocks: [...def.blocks, newBlock(type)] });
    setIds([...ids, ...freshIds(1)]);
  };

  /** Stops "Kiểm tra" / "Lưu" while a table's JSON does not parse, naming the blocks. */
  const jsonBlocked = () => {
    if (!badJsonBlocks.length) return false;
    setMessage(null);
    setError(new Error(t('reports.templates.badJsonBlocks', { blocks: badJsonBlocks.map((i) => i + 1).join(', ') })));
    document.getElementById(`tpl-block-${badJsonBlocks[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    return true;
  };

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      const list = validationIssues(e);
      if (list.length) setIssues(list);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const check = (d: TemplateDefinition = def) =>
    !jsonBlocked() &&
    run(async () => {
      const res = await reportsApi.validateTemplate(cleaned(d));
      setIssues(res.errors ?? []);
      if (res.ok) setMessage(t('reports.templates.valid'));
    });

  const afterSave = async (savedCode: string) => {
    await qc.invalidateQueries({ queryKey: reportKeys.templates });
    await qc.invalidateQueries({ queryKey: ['reports', 'template', savedCode] });
    await qc.invalidateQueries({ queryKey: reportKeys.templateVersions(savedCode) });
  };

  const saveDef = async (d: TemplateDefinition, asNew: boolean) => {
    const body = cleaned(d);
    setIssues(null);
    if (asNew) {
      const rec = await reportsApi.createTemplate(body);
      await afterSave(rec?.code ?? body.code);
      // Saved: nothing is lost by leaving.
      navigate(`/reports/templates/${encodeURIComponent(rec?.code ?? body.code)}`, false, true);
    } else {
      const rec = await reportsApi.updateTemplate(code, body, loaded?.currentVersion ?? (viewVersion === null ? loaded?.version : undefined));
      setViewVersion(null);
      await afterSave(code);
      setMessage(t('reports.templates.saved', { version: rec?.version ?? '' }));
    }
  };

  const save = () => !jsonBlocked() && run(() => saveDef(def, isNew));
  const saveAs = () =>
    !jsonBlocked() &&
    run(async () => {
      await saveDef({ ...def, code: newCode.trim().toUpperCase() }, true);
      setSaveAsOpen(false);
    });

  const importFile = (file: File | null) => {
    if (!file) return;
    resetFile.current?.();
    void run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(t('reports.templates.badJson'));
      }
      // An export may wrap the definition in its record; missing parts take the defaults.
      const d = definitionFromFile(parsed, t);
      setDef(d);
      setIds(freshIds(d.blocks.length));
      setBadJson(new Set());
      const res = await reportsApi.validateTemplate(cleaned(d));
      setIssues(res.errors ?? []);
      if (!res.ok) throw new Error(t('reports.templates.importInvalid'));
      await saveDef(d, isNew || d.code !== code);
      setMessage(t('reports.templates.imported'));
    });
  };

  const badBlocks = new Set((issues ?? []).map((e) => blockIndexOf(e.path)).filter((i): i is number => i !== null));
  const current = loaded?.version;

  /** Opening another version replaces the edits: ask first when there are any. */
  const showVersion = (v: number | null) => {
    if (dirty && !window.confirm(t('reports.templates.leaveUnsaved'))) return;
    setViewVersion(v);
  };

  const exportJson = async () => {
    setDownloadError(null);
    try {
      await downloadFile(reportsApi.exportTemplateUrl(code), `${code}.json`);
    } catch (e) {
      setDownloadError(e);
    }
  };

  return (
    <Stack gap="sm" data-testid="template-editor">
      <Anchor component={Link} to="/reports/templates" size="sm">← {t('reports.templates.back')}</Anchor>
      <Group gap="sm">
        <Title order={3}>{isNew ? t('reports.templates.new') : `${def.code} — ${def.name}`}</Title>
        {loaded && <Badge variant="light">{t('reports.templates.versionN', { n: loaded.version })}</Badge>}
        {loaded?.builtin && <Badge variant="light" color="gray">{t('reports.templates.builtin')}</Badge>}
      </Group>
      <StickyBar testId="template-actions">
        <Group gap="xs" wrap="wrap">
          {canEdit && (
            <>
              <Button variant="default" onClick={() => check()} loading={busy} data-testid="template-validate">
                {t('reports.templates.validate')}
              </Button>
              <Button onClick={save} loading={busy} data-testid="template-save">
                {isNew ? t('reports.templates.create') : t('common.save')}
              </Button>
              {!isNew && (
                <Button variant="light" onClick={() => { setNewCode(''); setSaveAsOpen(true); }} data-testid="template-save-as">
                  {t('reports.templates.saveAs')}
                </Button>
              )}
              <FileButton onChange={importFile} accept="application/json,.json" resetRef={resetFile}>
                {(props) => (
                  <Button variant="default" {...props} data-testid="template-import">
                    {t('reports.templates.import')}
                  </Button>
                )}
              </FileButton>
            </>
          )}
          {!isNew && (
            <Button variant="default" onClick={() => void exportJson()} data-testid="template-export">
              {t('reports.templates.export')}
            </Button>
          )}
          {dirty && <Text size="sm" c="orange" data-testid="template-unsaved">{t('reports.editor.unsaved')}</Text>}
        </Group>
      </StickyBar>
      {loaded && (
        <Text size="sm" c="dimmed">
          {t('reports.templates.updatedMeta', { at: formatDateTime(loaded.updatedAt), by: loaded.updatedBy || '—' })}
        </Text>
      )}
      {viewVersion !== null && current !== undefined && (
        <Alert color="yellow" data-testid="template-old-version">
          {t('reports.templates.viewingOld', { n: viewVersion })}{' '}
          <Anchor component="button" onClick={() => showVersion(null)}>{t('reports.templates.backToLatest')}</Anchor>
        </Alert>
      )}
      {!canEdit && <Alert color="gray">{t('reports.templates.readOnly')}</Alert>}
      <ErrorAlert error={error} testId="template-save-error" />
      {downloadError ? <ErrorAlert error={downloadError} testId="template-export-error" /> : null}
      {message && <Alert color="green" data-testid="template-message">{message}</Alert>}
      {issues && issues.length > 0 && (
        <Alert color="red" title={t('reports.templates.issues', { count: issues.length })} data-testid="template-issues">
          <Stack gap={2}>
            {issues.map((e, i) => {
              const bi = blockIndexOf(e.path);
              return (
                <Text size="sm" key={i} data-testid="template-issue">
                  <Anchor
                    component="button"
                    size="sm"
                    ff="monospace"
                    onClick={() => bi !== null && document.getElementById(`tpl-block-${bi}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' })}
                  >
                    {e.path || '—'}
                  </Anchor>
                  {bi !== null ? ` (${t('reports.templates.blockN', { n: bi + 1 })})` : ''}: {e.message}
                </Text>
              );
            })}
          </Stack>
        </Alert>
      )}
      {issues && issues.length === 0 && !message && <Alert color="green">{t('reports.templates.valid')}</Alert>}

      <ExpressionHelp />

      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <Section title={t('reports.templates.general')}>
            <Group grow align="flex-start">
              <TextInput
                label={t('reports.templates.code')}
                value={def.code}
                onChange={(e) => update({ code: e.currentTarget.value.toUpperCase() })}
                readOnly={!isNew}
                description={isNew ? t('reports.templates.codeHint') : undefined}
                data-testid="template-code"
              />
              <TextInput label={t('reports.templates.name')} value={def.name} onChange={(e) => update({ name: e.currentTarget.value })} data-testid="template-name" />
              <TextInput label={t('reports.templates.nameEn')} value={def.nameEn ?? ''} onChange={(e) => update({ nameEn: e.currentTarget.value })} />
            </Group>
            <Textarea label={t('reports.templates.description')} autosize minRows={1} value={def.description ?? ''} onChange={(e) => update({ description: e.currentTarget.value })} />
            <Group align="flex-start" gap="xl">
              <NativeSelect
                label={t('reports.templates.unitKind')}
                data={UNIT_KINDS.map((k) => ({ value: k, label: t(`reports.unitKind.${k}`) }))}
                value={def.unitKind}
                onChange={(e) => update({ unitKind: e.currentTarget.value as TemplateUnitKind })}
              />
              <Checkbox.Group
                label={t('reports.templates.periodKinds')}
                value={def.periodKinds}
                onChange={(v) => update({ periodKinds: PERIOD_KINDS.filter((k) => v.includes(k)) as ReportPeriodKind[] })}
              >
                <Group gap="md" mt={6}>
                  {PERIOD_KINDS.map((k) => (
                    <Checkbox key={k} value={k} label={t(`reports.periodKind.${k}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            </Group>
          </Section>

          <Section title={t('reports.templates.header')}>
            <Text size="xs" c="dimmed">
              {t('reports.templates.exprHint')} <code>{EXPR_EXAMPLES}</code>
            </Text>
            <Group grow align="flex-start">
              <TextInput label={t('reports.templates.parentBody')} value={def.header.parentBody} onChange={(e) => setHeader('parentBody', e.currentTarget.value)} />
              <TextInput label={t('reports.templates.issuingBody')} value={def.header.issuingBody} onChange={(e) => setHeader('issuingBody', e.currentTarget.value)} />
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('reports.templates.numberPattern')} value={def.header.numberPattern} onChange={(e) => setHeader('numberPattern', e.currentTarget.value)} />
              <TextInput label={t('reports.templates.place')} value={def.header.place} onChange={(e) => setHeader('place', e.currentTarget.value)} />
              <TextInput label={t('reports.templates.documentType')} value={def.header.documentType} onChange={(e) => setHeader('documentType', e.currentTarget.value)} />
            </Group>
            <Textarea label={t('reports.templates.summary')} autosize minRows={1} value={def.header.summary} onChange={(e) => setHeader('summary', e.currentTarget.value)} />
          </Section>

          <Section title={t('reports.templates.blocks', { count: def.blocks.length })}>
            {def.blocks.map((b, i) => (
              <BlockEditor
                key={ids[i] ?? i}
                blockId={ids[i] ?? i}
                jsonBad={badJsonBlocks.includes(i)}
                onJsonValidity={setJsonValidity}
                index={i}
                block={b}
                bad={badBlocks.has(i)}
                count={def.blocks.length}
                onChange={(nb) => setBlock(i, nb)}
                onMove={(d) => move(i, d)}
                onRemove={() => remove(i)}
              />
            ))}
            <Group gap="xs" mt="xs">
              <Text size="sm">{t('reports.templates.addBlock')}</Text>
              {BLOCK_TYPES.map((type) => (
                <Button key={type} size="xs" variant="light" onClick={() => add(type)} data-testid={`template-add-${type}`}>
                  + {t(`reports.blockType.${type}`)}
                </Button>
              ))}
            </Group>
          </Section>

          <Section title={t('reports.templates.closing')}>
            <Group grow align="flex-start">
              <Textarea
                label={t('reports.templates.authority')}
                description={t('reports.templates.onePerLine')}
                autosize
                minRows={2}
                value={def.signature.authority.join('\n')}
                onChange={(e) => update({ signature: { ...def.signature, authority: e.currentTarget.value.split('\n') } })}
              />
              <TextInput
                label={t('reports.templates.signer')}
                value={def.signature.signer}
                onChange={(e) => update({ signature: { ...def.signature, signer: e.currentTarget.value } })}
              />
            </Group>
            <Textarea
              label={t('reports.templates.recipients')}
              description={t('reports.templates.recipientsHint')}
              autosize
              minRows={3}
              value={def.recipients.join('\n')}
              onChange={(e) => update({ recipients: e.currentTarget.value.split('\n') })}
            />
          </Section>
        </Stack>
      </fieldset>

      {!isNew && (
        <Section title={t('reports.templates.versions')}>
          {versions.isLoading ? (
            <Loading />
          ) : versions.error ? (
            <ErrorAlert error={versions.error} />
          ) : (
            <Table data-testid="template-versions">
              <Table.Tbody>
                {[...(versions.data ?? [])].sort((a, b) => b.version - a.version).map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>{t('reports.templates.versionN', { n: v.version })}</Table.Td>
                    <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                    <Table.Td>{v.createdBy ?? ''}</Table.Td>
                    <Table.Td>
                      {loaded?.version === v.version ? (
                        <Text size="sm" c="dimmed">{t('reports.templates.shown')}</Text>
                      ) : (
                        <Anchor component="button" size="sm" onClick={() => showVersion(v.version)}>
                          {t('reports.templates.open')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      )}

      <Modal opened={saveAsOpen} onClose={() => setSaveAsOpen(false)} title={t('reports.templates.saveAs')}>
        <Stack gap="sm">
          <TextInput
            label={t('reports.templates.newCode')}
            description={t('reports.templates.codeHint')}
            value={newCode}
            onChange={(e) => setNewCode(e.currentTarget.value.toUpperCase())}
            data-testid="template-new-code"
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaveAsOpen(false)}>{t('common.cancel')}</Button>
            <Button onClick={saveAs} loading={busy} disabled={!newCode.trim()} data-testid="template-save-as-confirm">
              {t('reports.templates.saveAs')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600}>{title}</Text>
        {children}
      </Stack>
    </Paper>
  );
}

const BLOCK_COLOR: Record<BlockType, string> = { heading: 'blue', text: 'gray', free: 'green', consolidated: 'grape', table: 'orange', tasks: 'teal' };

function BlockEditor({ blockId, jsonBad, onJsonValidity, index, block, bad, count, onChange, onMove, onRemove }: {
  blockId: number;
  jsonBad: boolean;
  onJsonValidity: (id: string, ok: boolean) => void;
  index: number;
  block: TemplateBlock;
  bad: boolean;
  count: number;
  onChange: (b: TemplateBlock) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  let body: ReactNode;
  switch (block.type) {
    case 'heading':
      body = (
        <Group align="flex-start" wrap="nowrap">
          <NativeSelect
            label={t('reports.templates.level')}
            data={['1', '2', '3', '4'].map((l) => ({ value: l, label: t(`reports.templates.levelN.${l}`) }))}
            value={String(block.level)}
            onChange={(e) => onChange({ ...block, level: Number(e.currentTarget.value) })}
            style={{ width: 200 }}
          />
          <TextInput label={t('reports.templates.text')} value={block.text} onChange={(e) => onChange({ ...block, text: e.currentTarget.value })} style={{ flex: 1 }} />
        </Group>
      );
      break;
    case 'text':
      body = (
        <Textarea
          label={t('reports.templates.textLines')}
          autosize
          minRows={2}
          maxRows={16}
          value={block.text}
          onChange={(e) => onChange({ ...block, text: e.currentTarget.value })}
          data-testid={`template-block-text-${index}`}
        />
      );
      break;
    case 'free':
      body = (
        <>
          <Group grow align="flex-start">
            <TextInput label={t('reports.templates.key')} value={block.key} onChange={(e) => onChange({ ...block, key: e.currentTarget.value })} />
            <TextInput label={t('reports.templates.label')} value={block.label} onChange={(e) => onChange({ ...block, label: e.currentTarget.value })} />
          </Group>
          <TextInput label={t('reports.templates.hint')} value={block.hint ?? ''} onChange={(e) => onChange({ ...block, hint: e.currentTarget.value })} />
          <Textarea
            label={t('reports.templates.default')}
            autosize
            minRows={1}
            maxRows={10}
            value={block.default ?? ''}
            onChange={(e) => onChange({ ...block, default: e.currentTarget.value })}
          />
        </>
      );
      break;
    case 'consolidated':
      body = (
        <Group grow align="flex-start">
          <TextInput label={t('reports.templates.consolidatedKey')} value={block.key} onChange={(e) => onChange({ ...block, key: e.currentTarget.value })} />
          <TextInput label={t('reports.templates.label')} value={block.label ?? ''} onChange={(e) => onChange({ ...block, label: e.currentTarget.value })} />
        </Group>
      );
      break;
    case 'table':
      body = (
        <>
          <Group align="flex-end">
            <TextInput label={t('reports.templates.tableTitle')} value={block.title ?? ''} onChange={(e) => onChange({ ...block, title: e.currentTarget.value })} style={{ flex: 1 }} />
            <NativeSelect
              label={t('reports.templates.rows')}
              data={[
                { value: 'items', label: t('reports.templates.rowsItems') },
                { value: 'subunits', label: t('reports.templates.rowsSubunits') },
              ]}
              value={block.rows}
              onChange={(e) => onChange({ ...block, rows: e.currentTarget.value as 'items' | 'subunits' })}
            />
            {block.rows === 'subunits' && (
              <Checkbox
                label={t('reports.templates.totalRow')}
                checked={block.total ?? true}
                onChange={(e) => onChange({ ...block, total: e.currentTarget.checked })}
                mb={8}
              />
            )}
          </Group>
          <JsonField
            label={t('reports.templates.columnsJson')}
            description={t('reports.templates.columnsHint')}
            value={block.columns}
            onChange={(v) => onChange({ ...block, columns: v as typeof block.columns })}
            onValidity={(ok) => onJsonValidity(`${blockId}:columns`, ok)}
            testId={`template-columns-${index}`}
          />
          {block.rows === 'items' && (
            <JsonField
              label={t('reports.templates.itemsJson')}
              description={t('reports.templates.itemsHint')}
              value={block.items ?? []}
              onChange={(v) => onChange({ ...block, items: v as typeof block.items })}
              onValidity={(ok) => onJsonValidity(`${blockId}:items`, ok)}
              testId={`template-items-${index}`}
            />
          )}
        </>
      );
      break;
    case 'tasks':
      body = (
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('reports.templates.tableTitle')} value={block.title ?? ''} onChange={(e) => onChange({ ...block, title: e.currentTarget.value })} style={{ flex: 1, minWidth: 240 }} />
          <NativeSelect
            label={t('reports.templates.tasksView')}
            data={(['list', 'summary', 'counts'] as const).map((v) => ({ value: v, label: t(`reports.templates.tasksView${v[0]!.toUpperCase()}${v.slice(1)}`) }))}
            value={block.view}
            onChange={(e) => onChange({ ...block, view: e.currentTarget.value as typeof block.view })}
          />
          <NativeSelect
            label={t('reports.templates.tasksSource')}
            data={(['led', 'assigned'] as const).map((v) => ({ value: v, label: t(`reports.templates.tasksSource${v[0]!.toUpperCase()}${v.slice(1)}`) }))}
            value={block.source}
            onChange={(e) => onChange({ ...block, source: e.currentTarget.value as typeof block.source })}
          />
          <NativeSelect
            label={t('reports.templates.tasksWhen')}
            data={(['period', 'next'] as const).map((v) => ({ value: v, label: t(`reports.templates.tasksWhen${v[0]!.toUpperCase()}${v.slice(1)}`) }))}
            value={block.when}
            onChange={(e) => onChange({ ...block, when: e.currentTarget.value as typeof block.when })}
          />
        </Group>
      );
      break;
  }
  return (
    <Paper
      withBorder
      p="xs"
      id={`tpl-block-${index}`}
      data-testid={`template-block-${index}`}
      data-invalid={bad || undefined}
      data-bad-json={jsonBad || undefined}
      style={bad || jsonBad ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2, background: 'var(--mantine-color-red-light)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Group gap="xs">
            <Text size="sm" c="dimmed">{index + 1}.</Text>
            <Badge color={BLOCK_COLOR[block.type]} variant="light">{t(`reports.blockType.${block.type}`)}</Badge>
          </Group>
          <Group gap={4}>
            <Button size="compact-xs" variant="subtle" disabled={index === 0} onClick={() => onMove(-1)} title={t('reports.templates.up')} data-testid={`template-up-${index}`}>
              ↑
            </Button>
            <Button size="compact-xs" variant="subtle" disabled={index === count - 1} onClick={() => onMove(1)} title={t('reports.templates.down')} data-testid={`template-down-${index}`}>
              ↓
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove} title={t('reports.templates.delete')} data-testid={`template-delete-${index}`}>
              ✕
            </Button>
          </Group>
        </Group>
        {body}
      </Stack>
    </Paper>
  );
}

/**
 * A JSON value edited as text: the value changes only while the text parses; while it does not, the
 * field says so and `onValidity(false)` lets the editor refuse "Kiểm tra" and "Lưu".
 */
function JsonField({ label, description, value, onChange, onValidity, testId }: {
  label: string;
  description?: string;
  value: unknown;
  onChange: (v: unknown) => void;
  onValidity: (ok: boolean) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value ?? [], null, 2));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    onValidity(!bad);
  }, [bad]);
  // A field that goes away (the block deleted, rows switched to sub-units) no longer blocks saving.
  useEffect(() => () => onValidity(true), []);
  return (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={3}
      maxRows={20}
      ff="monospace"
      styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
      value={text}
      error={bad ? t('reports.templates.badJsonField') : undefined}
      data-testid={testId}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        try {
          const parsed: unknown = JSON.parse(v);
          if (!Array.isArray(parsed)) throw new Error('not an array');
          setBad(false);
          onChange(parsed);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}
