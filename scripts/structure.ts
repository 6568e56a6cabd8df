// Measures the structure rules of DESIGN.md §3 over the code (tests and benchmarks left out):
//   npx tsx scripts/structure.ts [--json] [folder …]
// 1. SQL outside repositories: query-builder and sql-template calls in files that are not `*.repo.ts`,
//    migrations or src/db; and files importing kysely there.
// 2. Scope decided outside the kernel: files other than src/core that read the actor's unit
//    (`actor.orgUnitId`) or filter org_unit_closure by an ancestor (a scope root).
// 3. Web types copied by hand: interfaces and types of the web app that describe API answers,
//    declared in its api/types files instead of imported from a module contract.
// The architecture test (src/core/architecture.test.ts) fails when 1 or 2 is above zero.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') walk(p, out);
    } else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const isTest = (f: string) => /\.test\.tsx?$|test-helper|\/test\/|^web\/e2e/.test(f);
const isSqlHome = (f: string) => /\.repo\.ts$/.test(f) || f.startsWith('src/db/') || /\/migrations\//.test(f) || /\.tables\.ts$/.test(f);

const SQL_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql\s*(<[^>]*>)?\s*`|\.transaction\(\)\.execute/g;
const KYSELY_IMPORT = /from ['"]kysely['"]/;

export interface StructureReport {
  sqlCallsOutsideRepos: { file: string; calls: number }[];
  kyselyImportsOutsideRepos: string[];
  sqlCallsInRepos: number;
  scopeOutsideKernel: { file: string; reason: string }[];
  webHandTypes: { file: string; types: string[] }[];
}

export function measure(roots = ['src', 'web/src']): StructureReport {
  const files = roots.flatMap((r) => walk(path.join(ROOT, r))).map(rel).filter((f) => !isTest(f));
  const report: StructureReport = { sqlCallsOutsideRepos: [], kyselyImportsOutsideRepos: [], sqlCallsInRepos: 0, scopeOutsideKernel: [], webHandTypes: [] };
  for (const f of files) {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const calls = (text.match(SQL_CALL) ?? []).length;
    if (f.startsWith('src/')) {
      if (isSqlHome(f)) report.sqlCallsInRepos += calls;
      else {
        if (calls) report.sqlCallsOutsideRepos.push({ file: f, calls });
        if (KYSELY_IMPORT.test(text)) report.kyselyImportsOutsideRepos.push(f);
      }
      if (!f.startsWith('src/core/') && !/\.tables\.ts$|\/migrations\//.test(f)) {
        if (/actor\.orgUnitId/.test(text)) report.scopeOutsideKernel.push({ file: f, reason: 'reads actor.orgUnitId' });
        else if (/org_unit_closure[\s\S]{0,300}ancestor_id['"]?\s*(=\s*\$\{\s*|,\s*'=',\s*)(root|scopeRoot|rootId|q\.scopeRoot|opts\.scopeRoot|[\w.]*orgUnitId)\b/.test(text)) {
          report.scopeOutsideKernel.push({ file: f, reason: 'filters org_unit_closure by a root' });
        }
      }
    }
    if (f.startsWith('web/src/') && /(^|\/)(api|types|[a-zA-Z]+Api)\.ts$/.test(f)) {
      const types = [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
      if (types.length) report.webHandTypes.push({ file: f, types });
    }
  }
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const roots = args.filter((a) => !a.startsWith('--'));
  const r = measure(roots.length ? roots : undefined);
  if (json) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    const outside = r.sqlCallsOutsideRepos.reduce((a, x) => a + x.calls, 0);
    console.log(`SQL calls outside repositories: ${outside} (in ${r.sqlCallsOutsideRepos.length} files); in repositories: ${r.sqlCallsInRepos}`);
    for (const x of r.sqlCallsOutsideRepos) console.log(`  ${x.file}: ${x.calls}`);
    console.log(`Files importing kysely outside repositories: ${r.kyselyImportsOutsideRepos.length}`);
    for (const f of r.kyselyImportsOutsideRepos) console.log(`  ${f}`);
    console.log(`Files deciding scope outside the kernel: ${r.scopeOutsideKernel.length}`);
    for (const x of r.scopeOutsideKernel) console.log(`  ${x.file}: ${x.reason}`);
    const n = r.webHandTypes.reduce((a, x) => a + x.types.length, 0);
    console.log(`Web types declared in api/types files: ${n}`);
    for (const x of r.webHandTypes) console.log(`  ${x.file}: ${x.types.join(', ')}`);
  }
}
