import path from 'node:path';
import { z } from 'zod';

/** Configuration, parsed and validated once at boot from the environment. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SOYTE_DATA_DIR: z.string().default('./data'),
  SOYTE_ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').optional(),
  SOYTE_DEMO: z.enum(['0', '1']).default('1'),
  SOYTE_DEMO_PASSWORD: z.string().min(8).default('Demo@2024'),
  SOYTE_SESSION_HOURS: z.coerce.number().positive().default(12),
  SOYTE_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  SOYTE_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SOYTE_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  SOYTE_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  SOYTE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  loadDemo: boolean;
  demoPassword: string;
  sessionHours: number;
  secureCookies: boolean;
  loginMaxFailures: number;
  lockoutMinutes: number;
  loginRatePerMinute: number;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SOYTE_DATA_DIR),
    adminPassword: e.SOYTE_ADMIN_PASSWORD,
    loadDemo: e.SOYTE_DEMO === '1',
    demoPassword: e.SOYTE_DEMO_PASSWORD,
    sessionHours: e.SOYTE_SESSION_HOURS,
    secureCookies: e.SOYTE_SECURE_COOKIES === '1',
    loginMaxFailures: e.SOYTE_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.SOYTE_LOCKOUT_MINUTES,
    loginRatePerMinute: e.SOYTE_LOGIN_RATE_PER_MINUTE,
    logLevel: e.SOYTE_LOG_LEVEL,
  };
}
