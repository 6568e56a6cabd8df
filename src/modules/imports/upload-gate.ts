// How many uploads are read at once. Reading an upload (parsing JSON or CSV, inflating and reading a
// workbook) costs memory in proportion to its uncompressed size, so the server admits:
//   - one upload per user at a time: a second one while the first is being read answers 429
//     (RATE_LIMITED) — a double click or a script in a loop cannot multiply the cost;
//   - a server-wide budget of uncompressed bytes being read at once (configuration
//     upload.budgetBytes): an upload that would go beyond it answers 503 (BUSY) with Retry-After.
//     An upload alone is always admitted (its own size is bounded by upload.maxInflatedBytes).
import { AppError } from '../../core/errors.js';

/** Seconds a client is told to wait (Retry-After) when the server is busy or the user's upload runs. */
export const RETRY_AFTER_SECONDS = 10;

export interface UploadTicket {
  /** Reserves `bytes` more of the server-wide budget for this upload; throws BUSY beyond it. */
  reserve(bytes: number): void;
  /** Ends the upload: frees the user's slot and the bytes reserved. Safe to call twice. */
  release(): void;
}

export class UploadGate {
  private readonly users = new Set<string>();
  private reserved = 0;

  constructor(private readonly budgetBytes: number) {}

  /** Bytes reserved by the uploads being read now. */
  get inUse(): number {
    return this.reserved;
  }

  /** Starts reading an upload of `user`; throws RATE_LIMITED while the user already has one. */
  enter(user: string): UploadTicket {
    if (this.users.has(user)) {
      throw new AppError('RATE_LIMITED', 'imports.upload.oneAtATime', { reason: 'UPLOAD_IN_PROGRESS', retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    this.users.add(user);
    let mine = 0;
    let open = true;
    return {
      reserve: (bytes: number) => {
        if (!open) throw new Error('upload ticket already released');
        // Alone (nothing else reserved), an upload is admitted whatever its size.
        if (this.reserved - mine > 0 && this.reserved + bytes > this.budgetBytes) {
          throw new AppError('BUSY', 'imports.upload.busy', { reason: 'UPLOAD_BUDGET', retryAfterSeconds: RETRY_AFTER_SECONDS }, { seconds: RETRY_AFTER_SECONDS });
        }
        this.reserved += bytes;
        mine += bytes;
      },
      release: () => {
        if (!open) return;
        open = false;
        this.reserved -= mine;
        this.users.delete(user);
      },
    };
  }
}
