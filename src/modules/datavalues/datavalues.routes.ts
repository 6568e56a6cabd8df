import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';

export function dataValueRoutes(_app: FastifyInstance, _deps: AppDeps) {}
