// Long CPU loops of analytics (aggregating hundreds of thousands of values, shaping the answer, writing
// a file) give the event loop back every few milliseconds, so that one large answer never holds up the
// other requests: a health check, a save or a login waits at most one slice, not the whole answer.
// Chosen over a worker thread: the work is spread over loops that already run in order, the values
// come from the database on this thread, and copying them to a worker would itself block (measured in
// bench/analytics/stall.ts).

/** How long one slice of work may hold the event loop. */
const SLICE_MS = 8;
/** The clock is read once per this many steps (reading it costs more than a step). */
const STEPS_PER_CHECK = 64;

export class TimeSlicer {
  private start = performance.now();
  private steps = 0;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Call once per step of a loop: true when the slice is used up (then `await pause()`). */
  due(): boolean {
    if (++this.steps % STEPS_PER_CHECK !== 0) return false;
    return performance.now() - this.start >= this.sliceMs;
  }

  /** Lets timers, I/O and other requests run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}
