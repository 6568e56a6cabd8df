import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Configuration, parsed and validated once at boot from the environment (`loadConfig()`), then passed
// explicitly: to the server (and so to every request's context), to the CLI commands and to the
// embedded database. Nothing else in soyte reads process.env.

const flag = z.enum(['0', '1']);
const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SOYTE_DATA_DIR: z.string().default('./data'),
  SOYTE_DB_POOL: z.coerce.number().int().min(2).max(200).default(10),
  SOYTE_PG_OS_USER: z.string().regex(/^[a-z_][a-z0-9_-]*$/i, 'must be an OS user name').optional(),
  SOYTE_ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').optional(),
  SOYTE_DEMO: flag.default('1'),
  SOYTE_DEMO_PASSWORD: z.string().min(8).default('Demo@2024'),
  SOYTE_SESSION_HOURS: z.coerce.number().positive().default(12),
  SOYTE_SECURE_COOKIES: flag.default('0'),
  SOYTE_TRUST_PROXY: z.string().optional(),
  SOYTE_LOGIN_MAX_FAILURES: positiveInt.default(5),
  SOYTE_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  SOYTE_LOGIN_RATE_PER_MINUTE: positiveInt.default(20),
  SOYTE_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(8),
  SOYTE_PASSWORD_BLOCK_COMMON: flag.default('1'),
  SOYTE_MAX_QUERY_CELLS: positiveInt.default(200_000),
  SOYTE_MAX_EXPORT_CELLS: positiveInt.default(500_000),
  SOYTE_UPLOAD_MAX_MB: positiveInt.default(100),
  SOYTE_UPLOAD_MAX_INFLATED_MB: positiveInt.default(300),
  SOYTE_UPLOAD_BUDGET_MB: positiveInt.default(600),
  SOYTE_STRUCTURE_MAX_DAYS_AHEAD: z.coerce.number().int().min(0).default(366),
  SOYTE_JOBS_MAX: positiveInt.default(2),
  SOYTE_JOB_HEAP_MB: z.coerce.number().int().min(64).default(1024),
  SOYTE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  SOYTE_SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//i.test(u), 'must be smtp://user:password@host:port or smtps://…').optional(),
  SOYTE_SMTP_FROM: z.string().min(3).optional(),
  SOYTE_PUBLIC_URL: z.string().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) address').optional(),
  SOYTE_DUE_SOON_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  SOYTE_SCHEDULER_HOUR: z.coerce.number().int().min(0).max(23).default(6),
  SOYTE_COMPLETENESS_THRESHOLD: z.coerce.number().min(0).max(100).default(90),
  SOYTE_EQUIPMENT_DECISION_LIMIT: z.coerce.number().int().min(0).max(1_000_000_000_000).default(500_000_000),
  SOYTE_EQUIPMENT_REPAIR_SHARE: z.coerce.number().min(0).max(100).default(30),
});

export interface Config {
  /** soyte's version (package.json). */
  version: string;
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Connections in the database pool. */
  dbPoolSize: number;
  /** When run as root: the OS user that runs the embedded PostgreSQL. */
  pgOsUser?: string;
  adminPassword?: string;
  loadDemo: boolean;
  demoPassword: string;
  sessionHours: number;
  /** Always mark the session cookie Secure (it is also Secure whenever the request came over HTTPS). */
  secureCookies: boolean;
  /**
   * Fastify's trustProxy: false (the default: the client address is the TCP peer), or the proxies
   * named by SOYTE_TRUST_PROXY (addresses or CIDR ranges, comma-separated; `loopback` for a proxy on
   * the same machine), whose X-Forwarded-For / X-Forwarded-Proto headers are then believed.
   */
  trustProxy: false | string[];
  loginMaxFailures: number;
  lockoutMinutes: number;
  loginRatePerMinute: number;
  passwordPolicy: { minLength: number; blockCommon: boolean };
  /** Largest analytics answer (data items × periods × units × options) served at once. */
  maxQueryCells: number;
  /** Largest analytics export (rows × columns) written at once. */
  maxExportCells: number;
  upload: {
    /** Largest upload body. */
    maxBytes: number;
    /** Largest uncompressed content of one uploaded workbook (what a zip would inflate to). */
    maxInflatedBytes: number;
    /** Uncompressed bytes of all uploads being read at the same time, server-wide. */
    budgetBytes: number;
  };
  /** Structural changes of the tree dated further ahead need `future: true`. */
  structureMaxDaysAhead: number;
  /** Jobs in worker threads (exports): how many run at once, and the heap each may use (MB). */
  jobs: { max: number; heapMb: number };
  logLevel: string;
  /** The Chromium that prints reports as PDF. */
  chromiumPath: string;
  /** Email delivery of notifications (none: notifications stay in the app). */
  smtp?: { url: string; from: string };
  /** The address users open soyte at, for links in emails (e.g. https://soyte.example.vn). */
  publicUrl?: string;
  /** "Sắp đến hạn": a deadline within this many working days. */
  dueSoonWorkingDays: number;
  /** Reporting completeness (% of expected units that reported) below which comparisons of a period's
   *  totals with last year or with the plan are withheld, in dashboards and reports alike. */
  completenessThreshold: number;
  /** Hour of the day (Vietnam time) from which the daily jobs (reminders) run. */
  schedulerHour: number;
  equipment: {
    /** Liquidation: assets costing less than this (whole đồng) are decided by the unit's head, the others by
     *  the higher body (NĐ 151/2017, NĐ 186/2025: 500,000,000 đồng per asset). */
    decisionLimit: number;
    /** Liquidation: a repair estimate above this share of the cost (%) justifies it (30 %). */
    repairSharePct: number;
  };
}

export class ConfigError extends Error {}

let packageVersion: string | undefined;
function versionOfPackage(): string {
  if (packageVersion === undefined) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    packageVersion = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return packageVersion;
}

const MB = 1024 * 1024;

function trustProxyOf(value: string | undefined): false | string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SOYTE_SMTP_URL && !e.SOYTE_SMTP_FROM) {
    throw new ConfigError('Invalid configuration:\n  SOYTE_SMTP_FROM: required with SOYTE_SMTP_URL (the sender address, e.g. "Sở Y tế <soyte@syt.example.vn>")');
  }
  return {
    version: versionOfPackage(),
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SOYTE_DATA_DIR),
    dbPoolSize: e.SOYTE_DB_POOL,
    pgOsUser: e.SOYTE_PG_OS_USER,
    adminPassword: e.SOYTE_ADMIN_PASSWORD,
    loadDemo: e.SOYTE_DEMO === '1',
    demoPassword: e.SOYTE_DEMO_PASSWORD,
    sessionHours: e.SOYTE_SESSION_HOURS,
    secureCookies: e.SOYTE_SECURE_COOKIES === '1',
    trustProxy: trustProxyOf(e.SOYTE_TRUST_PROXY),
    loginMaxFailures: e.SOYTE_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.SOYTE_LOCKOUT_MINUTES,
    loginRatePerMinute: e.SOYTE_LOGIN_RATE_PER_MINUTE,
    passwordPolicy: { minLength: e.SOYTE_PASSWORD_MIN_LENGTH, blockCommon: e.SOYTE_PASSWORD_BLOCK_COMMON === '1' },
    maxQueryCells: e.SOYTE_MAX_QUERY_CELLS,
    maxExportCells: e.SOYTE_MAX_EXPORT_CELLS,
    upload: {
      maxBytes: e.SOYTE_UPLOAD_MAX_MB * MB,
      maxInflatedBytes: e.SOYTE_UPLOAD_MAX_INFLATED_MB * MB,
      budgetBytes: e.SOYTE_UPLOAD_BUDGET_MB * MB,
    },
    structureMaxDaysAhead: e.SOYTE_STRUCTURE_MAX_DAYS_AHEAD,
    jobs: { max: e.SOYTE_JOBS_MAX, heapMb: e.SOYTE_JOB_HEAP_MB },
    logLevel: e.SOYTE_LOG_LEVEL,
    chromiumPath: e.CHROMIUM_PATH,
    smtp: e.SOYTE_SMTP_URL ? { url: e.SOYTE_SMTP_URL, from: e.SOYTE_SMTP_FROM! } : undefined,
    publicUrl: e.SOYTE_PUBLIC_URL?.replace(/\/+$/, ''),
    dueSoonWorkingDays: e.SOYTE_DUE_SOON_WORKING_DAYS,
    completenessThreshold: e.SOYTE_COMPLETENESS_THRESHOLD,
    schedulerHour: e.SOYTE_SCHEDULER_HOUR,
    equipment: { decisionLimit: e.SOYTE_EQUIPMENT_DECISION_LIMIT, repairSharePct: e.SOYTE_EQUIPMENT_REPAIR_SHARE },
  };
}

/** The configuration of tests and tools: defaults, quiet, overridden by `env`. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ SOYTE_LOG_LEVEL: 'silent', SOYTE_DATA_DIR: '/nonexistent', ...env });
}
