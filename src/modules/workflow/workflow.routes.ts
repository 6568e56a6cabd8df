import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';

export function workflowRoutes(_app: FastifyInstance, _deps: AppDeps) {}
