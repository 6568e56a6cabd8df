// A task being written before it is assigned: a proposal read from a notice (with the quote it came
// from and the unit names that matched nothing) or a task typed by hand. The card edits it; the
// helpers turn a proposal into a draft and a draft into the API's TaskInput.
import { Alert, Badge, Button, Checkbox, CloseButton, Group, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskInput } from '../../../../src/modules/directives/directives.contract.js';
import { DateField } from '../../components/common';
import { formatLongDate } from '../../format';
import { RECURRENCE_PERIODS, type ParseResult, type ParsedUnit, type RecurrencePeriod } from './directivesApi';
import { UnitsPicker, type UnitChoice } from './UnitsPicker';

export interface DraftRecurrence {
  period: RecurrencePeriod;
  /** 'day': the day of the period's last month; 'workingDays': N working days after the period. */
  rule: 'day' | 'workingDays' | 'none';
  day: number | null;
  workingDaysAfter: number | null;
}

export interface TaskDraft {
  key: string;
  item: string;
  content: string;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  lead: UnitChoice[];
  leadUnmatched: string[];
  cooperating: UnitChoice[];
  coopUnmatched: string[];
  collective: string;
  deadline: string;
  deadlineQuote: string | null;
  ongoing: boolean;
  recurrence: DraftRecurrence | null;
  /** Every period the sentence names ("hàng tháng, quý, 6 tháng, năm"), when it names several. */
  periodsMentioned: RecurrencePeriod[];
  recurrenceQuote: string | null;
  output: string;
}

let seq = 0;
const newKey = () => `d${++seq}`;

export function emptyDraft(): TaskDraft {
  return {
    key: newKey(), item: '', content: '', quote: null, quoteStart: null, quoteEnd: null, lead: [], leadUnmatched: [], cooperating: [], coopUnmatched: [],
    collective: '', deadline: '', deadlineQuote: null, ongoing: false, recurrence: null, periodsMentioned: [], recurrenceQuote: null, output: '',
  };
}

const matched = (units: ParsedUnit[]): UnitChoice[] => {
  const seen = new Set<string>();
  const out: UnitChoice[] = [];
  for (const u of units) if (u.id && !seen.has(u.id)) {
    seen.add(u.id);
    out.push({ id: u.id, name: u.name });
  }
  return out;
};
const unmatched = (units: ParsedUnit[]) => [...new Set(units.filter((u) => !u.id).map((u) => u.name))];

export function draftFromProposal(p: ParseResult['tasks'][number]): TaskDraft {
  return {
    key: newKey(),
    item: p.item ?? '',
    content: p.content,
    quote: p.quote,
    quoteStart: p.quoteStart,
    quoteEnd: p.quoteEnd,
    lead: matched(p.lead),
    leadUnmatched: unmatched(p.lead),
    cooperating: matched(p.cooperating),
    coopUnmatched: unmatched(p.cooperating),
    collective: p.collective ?? '',
    deadline: p.deadline ?? '',
    deadlineQuote: p.deadlineQuote,
    ongoing: p.ongoing,
    recurrence: p.recurrence ? { period: p.recurrence.period, rule: p.recurrence.day ? 'day' : 'none', day: p.recurrence.day, workingDaysAfter: null } : null,
    periodsMentioned: p.recurrence && p.recurrence.periods.length > 1 ? p.recurrence.periods : [],
    recurrenceQuote: p.recurrence?.quote ?? null,
    output: p.output ?? '',
  };
}

export function draftToInput(d: TaskDraft): TaskInput {
  const r = d.recurrence;
  return {
    item: d.item.trim() || null,
    content: d.content.trim(),
    quote: d.quote,
    output: d.output.trim() || null,
    lead: d.lead.map((u) => u.id),
    cooperating: d.cooperating.map((u) => u.id),
    collective: d.lead.length > 1 ? d.collective.trim() || null : null,
    // A recurring task is due in each period: no deadline of its own.
    deadline: d.ongoing || r || !d.deadline ? null : d.deadline,
    ongoing: d.ongoing,
    recurrence: r
      ? {
          period: r.period,
          day: r.rule === 'day' && r.day ? r.day : null,
          workingDaysAfter: r.rule === 'workingDays' && r.workingDaysAfter !== null ? r.workingDaysAfter : null,
        }
      : null,
  };
}

/** What keeps a draft from being assigned (messages for the reviewer). */
export function draftProblems(d: TaskDraft, n: number, t: (k: string, o?: Record<string, unknown>) => string): string[] {
  const out: string[] = [];
  if (!d.content.trim()) out.push(t('directives.problem.noContent', { n }));
  if (!d.lead.length) out.push(t('directives.problem.noLead', { n }));
  if (d.leadUnmatched.length || d.coopUnmatched.length) out.push(t('directives.problem.unmatched', { n, names: [...d.leadUnmatched, ...d.coopUnmatched].join(', ') }));
  if (d.recurrence?.rule === 'day' && !d.recurrence.day) out.push(t('directives.problem.recurrenceDay', { n }));
  return out;
}

/** One draft per period named, for a sentence that asks a report "hàng tháng, quý, năm". */
export function splitByPeriod(d: TaskDraft): TaskDraft[] {
  return d.periodsMentioned.map((period) => ({
    ...d,
    key: newKey(),
    recurrence: { period, rule: d.recurrence?.rule ?? 'none', day: d.recurrence?.day ?? null, workingDaysAfter: d.recurrence?.workingDaysAfter ?? null },
    periodsMentioned: [],
  }));
}

/** Flags of unit names that matched no unit: clicking one searches for it; × drops it. */
function Unmatched({ names, onSearch, onDrop, testId }: { names: string[]; onSearch: (name: string) => void; onDrop: (name: string) => void; testId: string }) {
  const { t } = useTranslation();
  if (!names.length) return null;
  return (
    <Stack gap={4} data-testid={testId}>
      {names.map((name) => (
        <Group key={name} gap={4} wrap="nowrap">
          <Badge
            component="button"
            type="button"
            color="orange"
            variant="light"
            onClick={() => onSearch(name)}
            title={t('directives.units.searchThis')}
            style={{ textTransform: 'none', cursor: 'pointer', maxWidth: '100%', height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          >
            {t('directives.units.unmatched', { name })}
          </Badge>
          <CloseButton size="xs" onClick={() => onDrop(name)} aria-label={t('directives.units.drop')} />
        </Group>
      ))}
    </Stack>
  );
}

export function TaskDraftCard({
  draft, index, onChange, onRemove, onQuote, onSplit, testPrefix = 'proposal',
}: {
  draft: TaskDraft;
  index: number;
  onChange: (d: TaskDraft) => void;
  onRemove?: () => void;
  onQuote?: () => void;
  onSplit?: () => void;
  testPrefix?: string;
}) {
  const { t } = useTranslation();
  const [leadSearch, setLeadSearch] = useState('');
  const [coopSearch, setCoopSearch] = useState('');
  const leadRef = useRef<HTMLInputElement>(null);
  const coopRef = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<TaskDraft>) => onChange({ ...draft, ...patch });
  const tid = (name: string) => `${testPrefix}-${name}-${index}`;
  const flagged = draft.leadUnmatched.length + draft.coopUnmatched.length > 0;
  const r = draft.recurrence;
  const setRec = (patch: Partial<DraftRecurrence>) => r && set({ recurrence: { ...r, ...patch } });

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      id={`${testPrefix}-card-${index}`}
      data-testid={`${testPrefix}-card-${index}`}
      data-unmatched={flagged ? 'true' : undefined}
      style={flagged ? { borderColor: 'var(--mantine-color-orange-5)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm">
              {t('directives.proposal.number', { n: index + 1 })}
            </Text>
            <TextInput
              size="xs"
              w={70}
              aria-label={t('directives.proposal.item')}
              placeholder={t('directives.proposal.item')}
              value={draft.item}
              onChange={(e) => set({ item: e.currentTarget.value })}
              data-testid={tid('item')}
            />
          </Group>
          {onRemove && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove} data-testid={tid('remove')}>
              {t('directives.proposal.remove')}
            </Button>
          )}
        </Group>

        {draft.quote && (
          <UnstyledButton
            onClick={onQuote}
            disabled={!onQuote}
            title={onQuote ? t('directives.proposal.showQuote') : undefined}
            data-testid={tid('quote')}
            style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 8 }}
          >
            <Text size="xs" c="dimmed" fs="italic" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
              “{draft.quote}”
            </Text>
          </UnstyledButton>
        )}

        <Textarea
          label={t('directives.proposal.content')}
          required
          autosize
          minRows={2}
          maxRows={8}
          value={draft.content}
          onChange={(e) => set({ content: e.currentTarget.value })}
          data-testid={tid('content')}
        />

        <Unmatched
          names={draft.leadUnmatched}
          testId={tid('unmatched')}
          onSearch={(name) => {
            setLeadSearch(name);
            leadRef.current?.focus();
          }}
          onDrop={(name) => set({ leadUnmatched: draft.leadUnmatched.filter((x) => x !== name) })}
        />
        <UnitsPicker
          ref={leadRef}
          label={t('directives.proposal.lead')}
          required
          value={draft.lead}
          onChange={(lead) => set({ lead })}
          search={leadSearch}
          onSearchChange={setLeadSearch}
          description={draft.lead.length > 1 ? t('directives.proposal.fanOut', { count: draft.lead.length, n: draft.lead.length }) : undefined}
          testId={tid('lead')}
        />
        {draft.lead.length > 1 && (
          <TextInput
            label={t('directives.proposal.collective')}
            placeholder={t('directives.proposal.collectivePlaceholder')}
            value={draft.collective}
            onChange={(e) => set({ collective: e.currentTarget.value })}
            data-testid={tid('collective')}
          />
        )}

        <Unmatched
          names={draft.coopUnmatched}
          testId={tid('coop-unmatched')}
          onSearch={(name) => {
            setCoopSearch(name);
            coopRef.current?.focus();
          }}
          onDrop={(name) => set({ coopUnmatched: draft.coopUnmatched.filter((x) => x !== name) })}
        />
        <UnitsPicker
          ref={coopRef}
          label={t('directives.proposal.cooperating')}
          value={draft.cooperating}
          onChange={(cooperating) => set({ cooperating })}
          search={coopSearch}
          onSearchChange={setCoopSearch}
          testId={tid('coop')}
        />

        <Group gap="sm" align="flex-end" wrap="wrap">
          <DateField
            label={t('directives.proposal.deadline')}
            value={draft.ongoing || r ? '' : draft.deadline}
            disabled={draft.ongoing || !!r}
            description={r ? t('directives.proposal.deadlinePerPeriod') : undefined}
            onChange={(deadline) => set({ deadline })}
            w={170}
            data-testid={tid('deadline')}
          />
          <Checkbox
            label={t('directives.proposal.ongoing')}
            checked={draft.ongoing}
            disabled={!!r}
            onChange={(e) => set({ ongoing: e.currentTarget.checked })}
            mb={8}
            data-testid={tid('ongoing')}
          />
        </Group>
        {draft.deadlineQuote && !r && (
          <Text size="xs" c="dimmed">
            {t('directives.proposal.fromText', { quote: draft.deadlineQuote })}
            {draft.deadline && !draft.ongoing ? ` → ${formatLongDate(draft.deadline)}` : ''}
          </Text>
        )}

        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('directives.proposal.recurrence')}
            value={r?.period ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value as RecurrencePeriod | '';
              set({ recurrence: v ? { period: v, rule: r?.rule ?? 'none', day: r?.day ?? null, workingDaysAfter: r?.workingDaysAfter ?? null } : null, ...(v ? { ongoing: false } : {}) });
            }}
            data={[{ value: '', label: t('directives.proposal.noRecurrence') }, ...RECURRENCE_PERIODS.map((p) => ({ value: p, label: t(`directives.period.${p}`) }))]}
            w={170}
            data-testid={tid('recurrence')}
          />
          {r && (
            <NativeSelect
              label={t('directives.proposal.dueRule')}
              value={r.rule}
              onChange={(e) => setRec({ rule: e.currentTarget.value as DraftRecurrence['rule'] })}
              data={[
                { value: 'none', label: t('directives.proposal.ruleDefault') },
                { value: 'day', label: t('directives.proposal.ruleDay') },
                { value: 'workingDays', label: t('directives.proposal.ruleWorkingDays') },
              ]}
              w={220}
              data-testid={tid('recurrence-rule')}
            />
          )}
          {r?.rule === 'day' && (
            <NumberInput
              label={t('directives.proposal.day')}
              min={1}
              max={31}
              value={r.day ?? ''}
              onChange={(v) => setRec({ day: v === '' ? null : Number(v) })}
              w={100}
              data-testid={tid('recurrence-day')}
            />
          )}
          {r?.rule === 'workingDays' && (
            <NumberInput
              label={t('directives.proposal.workingDays')}
              min={0}
              max={60}
              value={r.workingDaysAfter ?? ''}
              onChange={(v) => setRec({ workingDaysAfter: v === '' ? null : Number(v) })}
              w={140}
              data-testid={tid('recurrence-working-days')}
            />
          )}
        </Group>
        {draft.recurrenceQuote && (
          <Text size="xs" c="dimmed">
            {t('directives.proposal.fromText', { quote: draft.recurrenceQuote })}
          </Text>
        )}
        {draft.periodsMentioned.length > 1 && onSplit && (
          <Alert color="blue" p="xs">
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text size="xs">
                {t('directives.proposal.severalPeriods', { periods: draft.periodsMentioned.map((p) => t(`directives.period.${p}`)).join(', ') })}
              </Text>
              <Button size="compact-xs" variant="light" onClick={onSplit} data-testid={tid('split')}>
                {t('directives.proposal.split', { n: draft.periodsMentioned.length })}
              </Button>
            </Group>
          </Alert>
        )}

        <TextInput
          label={t('directives.proposal.output')}
          placeholder={t('directives.proposal.outputPlaceholder')}
          value={draft.output}
          onChange={(e) => set({ output: e.currentTarget.value })}
          data-testid={tid('output')}
        />
      </Stack>
    </Paper>
  );
}
