// Long CPU loops of analytics (aggregating hundreds of thousands of values, shaping the answer, writing
// a file) give the event loop back every few milliseconds, so that one large answer never holds up the
// other requests: a health check, a save or a login waits at most one slice, not the whole answer.
// Files (CSV, XLSX exports) are built in a worker thread as a whole (server/workers.ts), whose heap
// takes their garbage; JSON answers are sliced here, on the server's thread.

/** How long one slice of work may hold the event loop. */
const SLICE_MS = 8;
/** The clock is read once per this many steps (reading it costs more than a step). */
const STEPS_PER_CHECK = 64;

export class TimeSlicer {
  private start = performance.now();
  private steps = 0;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /**
   * Call once per step of a loop: true when the slice is used up (then `await pause()`). A step that
   * does the work of many (a spreadsheet row of 150 cells) gives its weight, so the clock is still
   * read often enough.
   */
  due(weight = 1): boolean {
    this.steps += weight;
    if (this.steps < STEPS_PER_CHECK) return false;
    this.steps = 0;
    return performance.now() - this.start >= this.sliceMs;
  }

  /** Lets timers, I/O and other requests run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}
