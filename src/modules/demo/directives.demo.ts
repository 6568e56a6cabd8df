// The demo's directives: the four seed notices (their text verbatim, notices/), read by soyte's own
// reader into tasks for the demo province's units and offices (another province's units played by
// stand-ins, reading/expected/standins.ts), moved into the demo's timeline and taken through their
// lifecycle so that every follow-up state occurs: done on time, done late, in progress, overdue, due
// soon, extended, returned, waiting for confirmation, no deadline. Plus the monthly statistics report
// every health centre owes the Department, a recurring task with one occurrence per month.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../core/context.js';
import { addDays, addWorkingDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import type { TaskInput, TaskItem } from '../directives/directives.contract.js';
import * as directivesRepo from '../directives/directives.repo.js';
import { createDocument } from '../directives/documents.service.js';
import { readNotice } from '../directives/read-notice.js';
import { STANDIN_CODES } from '../directives/reading/expected/standins.js';
import { act, decideExtension, getTask, requestExtension } from '../directives/tasks.service.js';
import { dayDiff } from '../directives/followup.js';

const NOTICES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'notices');

/** Each seed notice: its file, its date (as read, or as the text implies), and where the demo puts it. */
const NOTICES = [
  { file: 'seed002.txt', date: '2016-09-08', issuer: 'Tỉnh ủy', daysAgo: 150 },
  { file: 'seed004.txt', date: '2020-07-15', issuer: 'Sở Y tế tỉnh Lai Châu', daysAgo: 140 },
  { file: 'seed003.txt', date: '2022-07-15', issuer: 'Sở Y tế tỉnh Đồng Nai', daysAgo: 60 },
  { file: 'seed000.txt', date: '2022-10-22', issuer: 'Sở Y tế tỉnh Quảng Ninh', daysAgo: 25 },
] as const;

const DEPARTMENT = 'SYT38';
/** Tasks whose notice names no unit of the demo go to the Department's office, which coordinates. */
const COORDINATOR = 'SYT38_VP';
/** Children of a fan-out taken through a lifecycle (the rest stay as assigned). */
const ACTED_PER_GROUP = 10;

export async function loadDemoDirectives(ctx: Ctx, today = todayVn()): Promise<{ documents: number; tasks: number }> {
  const db = ctx.use(directivesRepo);
  const units = await db.unitsOn(today, { root: null });
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const aliases = Object.fromEntries(Object.entries(STANDIN_CODES).flatMap(([phrase, code]) => (idOf.has(code) ? [[phrase, idOf.get(code)!]] : [])));
  let tasks = 0;
  const documents: string[] = [];

  for (const n of NOTICES) {
    const text = fs.readFileSync(path.join(NOTICES_DIR, n.file), 'utf8');
    const read = readNotice(text, { units, date: n.date, aliases });
    const docDate = read.document.date ?? n.date;
    const date = addDays(today, -n.daysAgo);
    const shift = dayDiff(docDate, date);
    const input: TaskInput[] = read.tasks.flatMap((t) => {
      const lead = t.lead.flatMap((u) => (u.id ? [u.id] : []));
      const task: TaskInput = {
        item: t.item, content: t.content, quote: t.quote, output: t.output, collective: t.collective,
        lead: lead.length ? lead : [idOf.get(COORDINATOR)!],
        cooperating: t.cooperating.flatMap((u) => (u.id && !lead.includes(u.id) ? [u.id] : [])),
        deadline: t.recurrence ? null : t.deadline && addDays(t.deadline, shift),
        ongoing: t.ongoing,
        recurrence: null,
      };
      // "Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm báo cáo …": one recurring task per period.
      if (!t.recurrence) return [task];
      return t.recurrence.periods.map((period) => ({ ...task, recurrence: { period, day: null, workingDaysAfter: 5, from: date, until: null } }));
    });
    const doc = await createDocument(ctx, {
      kind: read.document.kind ?? 'conclusion_notice', number: read.document.number, date, issuer: read.document.issuer ?? n.issuer,
      signer: read.document.signer, meetingName: read.document.meeting?.name ?? null, meetingDate: read.document.meeting?.date ? addDays(read.document.meeting.date, shift) : null,
      meetingChair: read.document.meeting?.chair ?? null, assignerUnit: DEPARTMENT, body: text, tasks: input,
    });
    documents.push(doc.id);
  }

  // The monthly statistics report of every health centre: from six months ago, five working days
  // after each month.
  const since = `${addDays(today, -190).slice(0, 8)}01`;
  const centres = units.filter((u) => u.kind === 'health_centre').map((u) => u.id);
  const report = await createDocument(ctx, {
    kind: 'official_letter', number: '1250/SYT-KHTC', date: addDays(since, -10), issuer: 'Sở Y tế Thanh Hóa', signer: 'Lê Văn Bình',
    title: 'Về việc thực hiện chế độ báo cáo thống kê y tế định kỳ', assignerUnit: DEPARTMENT,
    body: 'Sở Y tế yêu cầu Trung tâm Y tế các huyện, thị xã, thành phố gửi báo cáo thống kê tháng về Sở Y tế (qua Phòng Kế hoạch – Tài chính) chậm nhất 05 ngày làm việc sau khi kết thúc tháng.',
    tasks: [{
      item: '1', content: 'Gửi báo cáo thống kê y tế tháng về Sở Y tế (qua Phòng Kế hoạch – Tài chính)', quote: null, output: 'Báo cáo thống kê tháng',
      lead: centres, cooperating: [], collective: 'Trung tâm Y tế các huyện, thị xã, thành phố', deadline: null, ongoing: false,
      recurrence: { period: 'MONTHLY', day: null, workingDaysAfter: 5, from: since, until: null },
    }],
  });
  documents.push(report.id);

  for (const id of documents) tasks += await playLifecycles(ctx, id, today);
  return { documents: documents.length, tasks };
}

/** Takes the document's tasks through their lives, by a fixed pattern, so every state occurs. */
async function playLifecycles(ctx: Ctx, documentId: string, today: string): Promise<number> {
  const top = await ctx.use(directivesRepo).documentTasks(documentId, { root: null });
  let counted = 0;
  let k = 0;
  for (const t of top) {
    const detail = await getTask(ctx, t.id);
    const leaves = t.kind === 'task' ? [detail as TaskItem] : detail.children_;
    counted += leaves.length;
    // Every series (each centre's monthly report) with its occurrences; of a group of one-off tasks,
    // the first few children.
    const acted = t.kind === 'series' || leaves.some((l) => l.kind === 'series') ? leaves : leaves.slice(0, ACTED_PER_GROUP);
    for (const leaf of acted) {
      if (leaf.kind === 'series') {
        for (const occurrence of (await getTask(ctx, leaf.id)).children_) await playReport(ctx, occurrence, today, k++);
      } else await play(ctx, leaf, today, k++);
    }
  }
  return counted;
}

const note = {
  progress: 'Đã triển khai, đang tổng hợp kết quả từ các đơn vị.',
  submit: 'Đã hoàn thành, gửi kèm báo cáo kết quả.',
  return: 'Báo cáo chưa nêu rõ kết quả cụ thể; đề nghị bổ sung số liệu.',
  extension: 'Cần thêm thời gian để hoàn thiện hồ sơ theo hướng dẫn mới.',
};

/** A periodic report: past ones mostly sent on time, a few late, one in eight still missing. */
async function playReport(ctx: Ctx, t: TaskItem, today: string, k: number): Promise<void> {
  if (!t.deadline || t.deadline >= today) return play(ctx, t, today, k);
  const step = async (body: Record<string, unknown>) => act(ctx, t.id, { ...body, version: (await getTask(ctx, t.id)).version });
  if (k % 8 === 5) return; // overdue: not sent
  await step({ action: 'submit', comment: note.submit });
  const on = addDays(t.deadline, k % 8 === 1 ? 2 : -1); // late by two days, or a day early
  await step({ action: 'confirm', completedOn: on > today ? today : on });
}

async function play(ctx: Ctx, t: TaskItem, today: string, k: number): Promise<void> {
  const step = async (body: Record<string, unknown>) => act(ctx, t.id, { ...body, version: (await getTask(ctx, t.id)).version });
  const done = async (completedOn: string) => {
    await step({ action: 'submit', comment: note.submit });
    await step({ action: 'confirm', completedOn: completedOn > today ? today : completedOn });
  };
  if (!t.deadline) {
    // No deadline: some started, some finished, some not yet taken up.
    if (k % 3 === 0) await step({ action: 'progress', comment: note.progress, progress: 30 });
    else if (k % 3 === 1) await done(addDays(today, -5));
    return;
  }
  if (t.deadline < today) {
    switch (k % 6) {
      case 0: case 3: return done(addDays(t.deadline, -2));
      case 1: return done(addDays(t.deadline, 3)); // done late
      case 2: // overdue: started, not finished
        await step({ action: 'accept' });
        await step({ action: 'progress', comment: note.progress, progress: 40 });
        return;
      case 4: { // extended: asked for more time, granted; now due in two working days
        const asked = await requestExtension(ctx, t.id, { deadline: addWorkingDays(today, 2), reason: note.extension });
        await decideExtension(ctx, t.id, asked.pendingExtension!.id, { approve: true, comment: 'Đồng ý gia hạn.' });
        return;
      }
      default: // returned to redo
        await step({ action: 'submit', comment: note.submit });
        await step({ action: 'return', comment: note.return });
        return;
    }
  }
  switch (k % 4) {
    case 0: await step({ action: 'accept' }); await step({ action: 'progress', comment: note.progress, progress: 50 }); return;
    case 1: return; // just assigned
    case 2: await step({ action: 'submit', comment: note.submit }); return; // waiting for confirmation
    default: await step({ action: 'accept' });
  }
}
