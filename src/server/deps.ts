import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseKind } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../modules/users/access.js';

/** What route modules get: the database, configuration, and a way to get the request's context. */
export interface AppDeps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  ctx: (req: FastifyRequest) => Ctx;
}
