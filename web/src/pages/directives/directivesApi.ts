// Calls of the directives and tasks API (/api/directives…, /api/tasks…). The shapes are the server's
// contract (src/modules/directives/directives.contract.ts), imported as types only so that neither
// zod nor server code reaches the bundle.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AttachmentInfo,
  CalendarEntry,
  CreateDocumentInput,
  DocumentDetail,
  DocumentItem,
  DocumentKind,
  FollowUpState,
  Issuer,
  ParseResult,
  RecurrencePeriod,
  Summary,
  TaskActionInput,
  TaskDetail,
  TaskInput,
  TaskItem,
  TaskList,
  TaskStatus,
  FeedLink,
  TasksQueryInput as TaskQuery,
  SummaryQueryInput as SummaryQuery,
} from '../../../../src/modules/directives/directives.contract.js';
import { api, ApiError } from '../../api';
import i18n from '../../i18n';

export type {
  AttachmentInfo,
  CalendarEntry,
  CreateDocumentInput,
  DocumentDetail,
  DocumentItem,
  DocumentKind,
  DocumentSummaryCounts,
  Extension,
  FollowUpState,
  Issuer,
  ParseResult,
  ParsedUnit,
  RecurrencePeriod,
  Summary,
  SummaryRow,
  TaskAction,
  TaskActionInput,
  TaskDetail,
  TaskEvent,
  TaskItem,
  TaskList,
  TaskStatus,
  TaskView,
  FeedLink,
  TasksQueryInput as TaskQuery,
  SummaryQueryInput as SummaryQuery,
} from '../../../../src/modules/directives/directives.contract.js';

// The contract's lists, kept here so the pages do not bundle zod; the Record keys make the compiler
// check that each list names every value of its type, and only those.
const documentKinds: Record<DocumentKind, true> = {
  conclusion_notice: true, official_letter: true, plan: true, directive: true, decision: true, oral: true,
};
const periods: Record<RecurrencePeriod, true> = { MONTHLY: true, QUARTERLY: true, SIXMONTHLY: true, NINEMONTHS: true, YEARLY: true };
const followUpStates: Record<FollowUpState, true> = { doneOnTime: true, doneLate: true, inProgress: true, overdue: true, noDeadline: true };
const statuses: Record<TaskStatus, true> = {
  assigned: true, accepted: true, refused: true, in_progress: true, submitted: true, done: true, returned: true, paused: true, withdrawn: true,
};
export const DOCUMENT_KINDS = Object.keys(documentKinds) as DocumentKind[];
export const RECURRENCE_PERIODS = Object.keys(periods) as RecurrencePeriod[];
export const FOLLOW_UP_STATES = Object.keys(followUpStates) as FollowUpState[];
export const TASK_STATUSES = Object.keys(statuses) as TaskStatus[];

export { SUMMARY_STATES, TASK_TABS, type SummaryState, type TaskTab } from './states';

export const directiveKeys = {
  all: ['directives'] as const,
  documents: (q: object) => ['directives', 'documents', q] as const,
  document: (id: string) => ['directives', 'document', id] as const,
  issuers: ['directives', 'issuers'] as const,
  tasks: (q: object) => ['directives', 'tasks', q] as const,
  task: (id: string) => ['directives', 'task', id] as const,
  calendar: (from: string, to: string) => ['directives', 'calendar', from, to] as const,
  summary: (q: object) => ['directives', 'summary', q] as const,
  feed: ['directives', 'feed'] as const,
};

const enc = encodeURIComponent;

/** A list answer as {items, total}, whether the server sends that or a bare array. */
function listOf<T>(answer: unknown, key = 'items'): { items: T[]; total: number } {
  if (Array.isArray(answer)) return { items: answer as T[], total: answer.length };
  const o = (answer ?? {}) as Record<string, unknown>;
  const items = (Array.isArray(o[key]) ? o[key] : Array.isArray(o.items) ? o.items : []) as T[];
  return { items, total: typeof o.total === 'number' ? o.total : items.length };
}

function clean(q: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  return out;
}

export function queryString(q: object): string {
  return new URLSearchParams(Object.entries(clean(q)).map(([k, v]) => [k, String(v)])).toString();
}

export function useDocuments(q: { q?: string; kind?: string; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: directiveKeys.documents(clean(q)),
    queryFn: async () => listOf<DocumentItem>(await api.get<unknown>('/api/directives', clean(q))),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: directiveKeys.document(id), queryFn: () => api.get<DocumentDetail>(`/api/directives/${enc(id)}`) });
}

export function useIssuers() {
  return useQuery({
    queryKey: directiveKeys.issuers,
    queryFn: async () => listOf<Issuer>(await api.get<unknown>('/api/directives/issuers'), 'issuers').items,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useTasks(q: TaskQuery, enabled = true) {
  return useQuery({
    queryKey: directiveKeys.tasks(clean(q)),
    queryFn: async () => listOf<TaskItem>(await api.get<TaskList>('/api/tasks', clean(q))),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: directiveKeys.task(id), queryFn: () => api.get<TaskDetail>(`/api/tasks/${enc(id)}`) });
}

export function useCalendar(from: string, to: string) {
  return useQuery({
    queryKey: directiveKeys.calendar(from, to),
    queryFn: async () => listOf<CalendarEntry>(await api.get<unknown>('/api/tasks/calendar', { from, to }), 'entries').items,
    placeholderData: keepPreviousData,
  });
}

export function useSummary(q: SummaryQuery) {
  return useQuery({
    queryKey: directiveKeys.summary(clean(q)),
    queryFn: () => api.get<Summary>('/api/tasks/summary', clean(q)),
    placeholderData: keepPreviousData,
  });
}


export const summaryXlsxUrl = (q: SummaryQuery) => `/api/tasks/summary.xlsx?${queryString(q)}`;
export const attachmentUrl = (id: string) => `/api/directives/attachments/${enc(id)}`;

export const directivesApi = {
  parse: (text: string, date?: string | null) => api.post<ParseResult>('/api/directives/parse', date ? { text, date } : { text }),
  create: (input: CreateDocumentInput) => api.post<DocumentDetail>('/api/directives', input),
  act: (id: string, input: TaskActionInput) => api.post<TaskDetail>(`/api/tasks/${enc(id)}/actions`, input),
  requestExtension: (id: string, deadline: string, reason: string) => api.post<unknown>(`/api/tasks/${enc(id)}/extensions`, { deadline, reason }),
  decideExtension: (id: string, ext: string, approve: boolean, comment: string | null) =>
    api.post<unknown>(`/api/tasks/${enc(id)}/extensions/${enc(ext)}`, { approve, comment }),
  addTask: (documentId: string, input: TaskInput) => api.post<unknown>(`/api/directives/${enc(documentId)}/tasks`, input),
  updateTask: (id: string, input: Record<string, unknown>) => api.patch<TaskDetail>(`/api/tasks/${enc(id)}`, input),
  /** GET says whether a link exists (its address is shown once, when made); POST makes a new one. */
  feed: (renew: boolean) => (renew ? api.post<FeedLink>('/api/tasks/feed') : api.get<FeedLink>('/api/tasks/feed')),
};

/**
 * Uploads one file (multipart, field "file") to POST /api/directives/attachments; `task` attaches it
 * to a task. The answer may carry the text extracted from a DOCX or PDF.
 */
export async function uploadAttachment(file: File, csrf: string | null | undefined, query: { task?: string; document?: string } = {}): Promise<AttachmentInfo & { text?: string | null }> {
  const body = new FormData();
  body.append('file', file, file.name);
  const qs = queryString(query);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language === 'en' ? 'en' : 'vi' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/directives/attachments${qs ? `?${qs}` : ''}`, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  if (!res.ok) {
    throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message || i18n.t('errors.http', { status: res.status }), data?.error?.details ?? null);
  }
  return data as unknown as AttachmentInfo & { text?: string | null };
}
