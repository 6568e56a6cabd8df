// Writes a province plan (bootstrap/plan.ts) into the database: units, versions, groups, merge events
// and links, in one transaction, then rebuilds the derived tree.
import type { Actor, Ctx } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { hierarchySignal } from '../../core/versions.js';
import { searchKey } from '../../lib/text.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import * as bulk from './bootstrap.repo.js';
import type { ProvincePlan } from './bootstrap/plan.types.js';
import * as repo from './orgunits.repo.js';

export interface Progress {
  (step: string, done: number, total: number): void;
}

const CHUNK = 1000;

async function insertChunked<T>(items: T[], write: (chunk: T[]) => Promise<unknown>, onChunk?: (n: number) => void) {
  for (let i = 0; i < items.length; i += CHUNK) {
    await write(items.slice(i, i + CHUNK));
    onChunk?.(Math.min(i + CHUNK, items.length));
  }
}

export async function applyProvincePlan(
  ctx: Ctx,
  plan: ProvincePlan,
  opts: { actor?: Actor; progress?: Progress } = {},
): Promise<{ units: number; events: number; links: number }> {
  const progress = opts.progress ?? (() => {});
  const result = await (opts.actor ? ctx.as(opts.actor) : ctx).transaction(async (tx) => {
    const units = tx.use(repo);
    const rows = tx.use(bulk);
    const actor = tx.actor;
    await units.lockStructure();
    const taken = await rows.firstTakenCode(plan.units.map((u) => u.code));
    if (taken) throw conflict('orgUnit.codeTaken', { code: taken }, { code: taken });

    const ids = new Map(plan.units.map((u) => [u.code, uid()]));
    const idOf = (code: string) => {
      const id = ids.get(code);
      if (!id) throw new Error(`Plan refers to unknown unit code ${code}`);
      return id;
    };
    const total = plan.units.length;
    await insertChunked(
      plan.units,
      (chunk) =>
        rows.insertUnits(
          chunk.map((u) => {
            const names = [...new Set(u.versions.map((v) => v.name))];
            return {
              id: idOf(u.code),
              code: u.code,
              name: u.versions[u.versions.length - 1].name,
              name_en: u.nameEn ?? null,
              short_name: u.shortName ?? null,
              kind: u.kind,
              admin_code: u.adminCode,
              admin_level: u.adminLevel,
              opening_date: u.openingDate,
              closed_date: u.closedDate ?? null,
              search_key: searchKey(`${names.join(' | ')} ${u.code}`),
            };
          }),
        ),
      (n) => progress('units', n, total),
    );
    const versions = plan.units.flatMap((u) =>
      u.versions.map((v, i) => ({
        org_unit_id: idOf(u.code),
        valid_from: v.validFrom,
        valid_to: u.versions[i + 1]?.validFrom ?? u.closedDate ?? 'infinity',
        parent_id: v.parentCode ? idOf(v.parentCode) : null,
        name: v.name,
      })),
    );
    await insertChunked(versions, (chunk) => rows.insertVersions(chunk));

    // Levels and groups are shared by all provinces: insert what is missing.
    for (const l of plan.levels) await rows.ensureLevel(l);
    const groupIds = new Map<string, string>();
    for (const set of plan.groupSets) {
      const setId = await rows.ensureGroupSet({ id: uid(), code: set.code, name: set.name, nameEn: set.nameEn ?? null });
      for (const g of set.groups) groupIds.set(g.code, await rows.ensureGroup({ id: uid(), code: g.code, name: g.name, nameEn: g.nameEn ?? null, setId }));
    }
    const members = plan.units.flatMap((u) => u.groups.map((g) => ({ group_id: groupIds.get(g)!, org_unit_id: idOf(u.code) })));
    await insertChunked(members, (chunk) => rows.insertMembers(chunk));

    // Opening events for the first structure, then the merge/split events of the plan.
    const openEvent = await units.insertEvent(
      { type: 'open', date: plan.units[0]?.openingDate ?? '2015-01-01', reason: `Khởi tạo hệ thống đơn vị y tế tỉnh ${plan.province.name} từ danh mục hành chính chính thức`, createdBy: actor.id },
      [],
    );
    const opened = plan.units.filter((u) => !plan.events.some((e) => e.successorCodes.includes(u.code) && e.date === u.openingDate));
    await insertChunked(opened, (chunk) => rows.insertEventUnits(chunk.map((u) => ({ event_id: openEvent, org_unit_id: idOf(u.code), role: 'subject' as const }))));
    let links = 0;
    for (const [i, e] of plan.events.entries()) {
      const eventId = await units.insertEvent({ type: e.type, date: e.date, reason: e.reason, createdBy: actor.id }, [
        ...e.predecessorCodes.map((c) => ({ id: idOf(c), role: 'predecessor' as const })),
        ...e.successorCodes.map((c) => ({ id: idOf(c), role: 'successor' as const })),
      ]);
      const linkRows = e.links
        .filter((l) => l.predecessorCode !== l.successorCode)
        .map((l) => ({ event_id: eventId, predecessor_id: idOf(l.predecessorCode), successor_id: idOf(l.successorCode), kind: l.kind, weight: l.weight ?? null }));
      await rows.insertLinks(linkRows);
      links += linkRows.length;
      if ((i + 1) % 50 === 0 || i + 1 === plan.events.length) progress('events', i + 1, plan.events.length);
    }
    progress('hierarchy', 0, 1);
    await units.rebuildHierarchy();
    progress('hierarchy', 1, 1);
    await audit(tx, {
      action: 'orgUnit.bootstrap', entityType: 'province', entityId: plan.province.code, entityCode: plan.province.code,
      after: { units: plan.units.length, events: plan.events.length, links }, details: { warnings: (plan as { warnings?: string[] }).warnings ?? [] },
    });
    return { units: plan.units.length, events: plan.events.length, links };
  });
  hierarchySignal.bump();
  return { units: result.units, events: result.events, links: result.links };
}
