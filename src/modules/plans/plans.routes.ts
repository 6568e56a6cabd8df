import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';

export function planRoutes(_app: FastifyInstance, _deps: AppDeps) {}
