// Writes a province plan (bootstrap/plan.ts) into the database: units, versions, groups, merge events
// and links, in one transaction, then rebuilds the derived tree.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { conflict } from '../../lib/errors.js';
import { searchKey } from '../../lib/text.js';
import { uid } from '../../lib/uid.js';
import { insertAudit } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type Actor } from '../users/access.js';
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
  db: Kysely<DB>,
  plan: ProvincePlan,
  opts: { actor?: Actor; progress?: Progress } = {},
): Promise<{ units: number; events: number; links: number }> {
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const progress = opts.progress ?? (() => {});
  return db.transaction().execute(async (tx) => {
    await repo.lockStructure(tx);
    const taken = await tx.selectFrom('org_unit').select('code').where('code', 'in', plan.units.map((u) => u.code)).limit(1).execute();
    if (taken.length) throw conflict('orgUnit.codeTaken', { code: taken[0].code }, { code: taken[0].code });

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
        tx.insertInto('org_unit').values(
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
        ).execute(),
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
    await insertChunked(versions, (chunk) => tx.insertInto('org_unit_version').values(chunk).execute());

    // Levels and groups are shared by all provinces: insert what is missing.
    for (const l of plan.levels) {
      await tx.insertInto('org_unit_level').values({ level: l.level, name: l.name, name_en: l.nameEn })
        .onConflict((oc) => oc.column('level').doNothing()).execute();
    }
    const groupIds = new Map<string, string>();
    for (const set of plan.groupSets) {
      await tx.insertInto('org_unit_group_set').values({ id: uid(), code: set.code, name: set.name, name_en: set.nameEn })
        .onConflict((oc) => oc.column('code').doNothing()).execute();
      const { id: setId } = await tx.selectFrom('org_unit_group_set').select('id').where('code', '=', set.code).executeTakeFirstOrThrow();
      for (const g of set.groups) {
        await tx.insertInto('org_unit_group').values({ id: uid(), code: g.code, name: g.name, name_en: g.nameEn, group_set_id: setId })
          .onConflict((oc) => oc.column('code').doNothing()).execute();
        const { id } = await tx.selectFrom('org_unit_group').select('id').where('code', '=', g.code).executeTakeFirstOrThrow();
        groupIds.set(g.code, id);
      }
    }
    const members = plan.units.flatMap((u) => u.groups.map((g) => ({ group_id: groupIds.get(g)!, org_unit_id: idOf(u.code) })));
    await insertChunked(members, (chunk) => tx.insertInto('org_unit_group_member').values(chunk).execute());

    // Opening events for the first structure, then the merge/split events of the plan.
    const openEvent = await repo.insertEvent(
      tx,
      { type: 'open', date: plan.units[0]?.openingDate ?? '2015-01-01', reason: `Khởi tạo hệ thống đơn vị y tế tỉnh ${plan.province.name} từ danh mục hành chính chính thức`, createdBy: actor.id },
      [],
    );
    const opened = plan.units.filter((u) => !plan.events.some((e) => e.successorCodes.includes(u.code) && e.date === u.openingDate));
    await insertChunked(opened, (chunk) =>
      tx.insertInto('org_unit_event_unit').values(chunk.map((u) => ({ event_id: openEvent, org_unit_id: idOf(u.code), role: 'subject' as const }))).execute(),
    );
    let links = 0;
    for (const [i, e] of plan.events.entries()) {
      const eventId = await repo.insertEvent(tx, { type: e.type, date: e.date, reason: e.reason, createdBy: actor.id }, [
        ...e.predecessorCodes.map((c) => ({ id: idOf(c), role: 'predecessor' as const })),
        ...e.successorCodes.map((c) => ({ id: idOf(c), role: 'successor' as const })),
      ]);
      const rows = e.links
        .filter((l) => l.predecessorCode !== l.successorCode)
        .map((l) => ({ event_id: eventId, predecessor_id: idOf(l.predecessorCode), successor_id: idOf(l.successorCode), kind: l.kind, weight: l.weight ?? null }));
      if (rows.length) await tx.insertInto('org_unit_link').values(rows).onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing()).execute();
      links += rows.length;
      if ((i + 1) % 50 === 0 || i + 1 === plan.events.length) progress('events', i + 1, plan.events.length);
    }
    progress('hierarchy', 0, 1);
    await repo.rebuildHierarchy(tx);
    progress('hierarchy', 1, 1);
    await insertAudit(tx, actor, {
      action: 'orgUnit.bootstrap', entityType: 'province', entityId: plan.province.code, entityCode: plan.province.code,
      after: { units: plan.units.length, events: plan.events.length, links }, details: { warnings: (plan as { warnings?: string[] }).warnings ?? [] },
    });
    return { units: plan.units.length, events: plan.events.length, links };
  });
}
