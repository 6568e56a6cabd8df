// A new module is its folder plus one line in the module list: this test adds a small module (units'
// notes) to the list and checks that the kernel wires every part of it — its migration runs, the
// built-in roles get its permission, its messages answer in both languages, its routes are served
// behind authentication and the one access check, and its repository is the only place with SQL.
import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAccess, scopeOf } from './access.js';
import type { Ctx, Scope } from './context.js';
import { notFound } from './errors.js';
import { parse } from './input.js';
import { defineModule } from './modules.js';
import { inScope } from './scope.repo.js';
import type { DB } from '../db/schema.js';
import { modules } from '../modules/index.js';
import { buildApp } from '../server/app.js';
import { prepareDatabase } from '../server/prepare.js';
import { freshDatabase, TEST_DEMO_PASSWORD } from '../test/harness.js';
import { testConfig } from './config.js';

// ---- the module: what a folder src/modules/notes/ would hold, in one place

declare module './context.js' {
  interface PermissionRegistry {
    'note:write': true;
  }
}

/** notes.repo.ts */
const notesRepo = {
  async insert(db: Kysely<DB>, n: { unitId: string; text: string; by: string | null }) {
    await sql`insert into note_test (org_unit_id, text, created_by) values (${n.unitId}, ${n.text}, ${n.by})`.execute(db);
  },
  async list(db: Kysely<DB>, scope: Scope) {
    const r = await sql<{ org_unit_id: string; text: string }>`
      select org_unit_id, text from note_test n where ${inScope(scope, 'n.org_unit_id')} order by id`.execute(db);
    return r.rows;
  },
  async unitByCode(db: Kysely<DB>, code: string) {
    return (await sql<{ id: string }>`select id from org_unit where code = ${code}`.execute(db)).rows[0];
  },
};

/** notes.contract.ts */
const NoteInput = z.object({ unit: z.string().min(1).max(50), text: z.string().trim().min(1, 'note.empty').max(500) });

/** notes.service.ts */
async function addNote(ctx: Ctx, input: unknown) {
  const data = parse(NoteInput, input);
  const unit = await ctx.use(notesRepo).unitByCode(data.unit);
  if (!unit) throw notFound('orgUnit', data.unit);
  await requireAccess(ctx, { permission: 'note:write', unit: unit.id });
  await ctx.use(notesRepo).insert({ unitId: unit.id, text: data.text, by: ctx.actor.id });
  return { ok: true };
}

/** index.ts: the descriptor. */
const notesModule = defineModule({
  name: 'notes',
  permissions: { 'note:write': ['system_admin', 'unit_admin'] },
  messages: { 'note.empty': { vi: 'Hãy nhập nội dung ghi chú.', en: 'Write the note.' } },
  migrations: {
    '29990101_0001_notes_test': {
      async up(db: Kysely<unknown>) {
        await sql`create table note_test (id serial primary key, org_unit_id text not null, text text not null, created_by text)`.execute(db);
      },
    },
  },
  routes(app, { ctx }) {
    app.get('/api/notes', (req) => ctx(req).use(notesRepo).list(scopeOf(ctx(req))));
    app.post('/api/notes', (req) => addNote(ctx(req), req.body));
  },
});

// ---- the test

let app: FastifyInstance;
const basic = (u: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${TEST_DEMO_PASSWORD}`).toString('base64')}` });

beforeAll(async () => {
  const database = await freshDatabase();
  const list = [...modules, notesModule];
  await prepareDatabase(database, testConfig(), list);
  app = await buildApp({ store: database.store, config: testConfig(), webDist: '/nonexistent', modules: list });
});

describe('a module added to the list', () => {
  it('has its routes served behind authentication', async () => {
    expect((await app.inject({ url: '/api/notes' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/notes', headers: basic('syt.xem') })).statusCode).toBe(200);
  });

  it('gets its permission into the built-in roles: a unit administrator may write, a viewer may not', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/notes', headers: basic('ttyt.hoanghoa'), payload: { unit: 'TYT15877', text: 'Kiểm kê tủ lạnh vắc xin' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const viewer = await app.inject({ method: 'POST', url: '/api/notes', headers: basic('syt.xem'), payload: { unit: 'TYT15877', text: 'x' } });
    expect(viewer.statusCode).toBe(403);
  });

  it('is limited by the one access check and the one scope filter', async () => {
    const outside = await app.inject({ method: 'POST', url: '/api/notes', headers: basic('ttyt.hoanghoa'), payload: { unit: 'TTYT380', text: 'x' } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    await app.inject({ method: 'POST', url: '/api/notes', headers: basic('syt.admin'), payload: { unit: 'TTYT380', text: 'Ghi chú của trung tâm khác' } });
    const seen = (await app.inject({ url: '/api/notes', headers: basic('ttyt.hoanghoa') })).json() as { text: string }[];
    expect(seen.map((n) => n.text)).toEqual(['Kiểm kê tủ lạnh vắc xin']);
  });

  it('answers with its own messages in both languages', async () => {
    const vi = await app.inject({ method: 'POST', url: '/api/notes', headers: basic('ttyt.hoanghoa'), payload: { unit: 'TYT15877', text: '  ' } });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.details.fields.text).toBe('Hãy nhập nội dung ghi chú.');
    const en = await app.inject({ method: 'POST', url: '/api/notes', headers: { ...basic('ttyt.hoanghoa'), 'accept-language': 'en' }, payload: { unit: 'TYT15877', text: '' } });
    expect(en.json().error.details.fields.text).toBe('Write the note.');
  });
});
