import cliProgress from 'cli-progress';

/**
 * Progress for long CLI work: a bar on a terminal, a line per quarter otherwise (CI logs).
 * Returns the callback and a function to finish.
 */
export function cliProgressReporter(out: NodeJS.WriteStream = process.stdout) {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  let lastQuarter = -1;
  const report = (step: string, done: number, total: number) => {
    if (step !== current) {
      bar?.stop();
      bar = undefined;
      current = step;
      lastQuarter = -1;
      if (out.isTTY) {
        bar = new cliProgress.SingleBar({ format: `  ${step.padEnd(10)} [{bar}] {value}/{total}`, stream: out }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
    }
    if (bar) bar.update(done);
    else {
      const quarter = total ? Math.floor((done / total) * 4) : 4;
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        out.write(`  ${step}: ${done}/${total}\n`);
      }
    }
  };
  return { report, done: () => bar?.stop() };
}
