// A worker thread's first file (server/workers.ts): workers do not inherit the TypeScript loader the
// server was started with, so each registers it, then runs worker-entry.ts. Plain JavaScript for that.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
