/**
 * Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise
 * (logs and CI stay readable), nothing with --quiet.
 */
export interface ProgressReporter {
  update(label: string, done: number, total: number | null, unit: 'bytes' | 'items'): void;
  /** A line that stays (a finished step). */
  line(text: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream, options: { quiet: boolean; now: () => number }): ProgressReporter {
  if (options.quiet) return { update: () => undefined, line: () => undefined, done: () => undefined };
  const tty = stream.isTTY;
  let lastDraw = 0;
  let drawn = false;
  let started = options.now();
  let lastLabel = '';
  const clear = (): void => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    update(label, done, total, unit) {
      const now = options.now();
      if (label !== lastLabel) {
        lastLabel = label;
        started = now;
        lastDraw = 0;
      }
      if (now - lastDraw < (tty ? 100 : 5000)) return;
      lastDraw = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const amount = unit === 'bytes' ? formatBytes(done) : `${done.toLocaleString('en-US')} items`;
      const rate = unit === 'bytes' ? `${formatBytes(done / seconds)}/s` : `${Math.round(done / seconds).toLocaleString('en-US')}/s`;
      const share = total !== null && total > 0 ? Math.min(1, done / total) : null;
      if (tty) {
        const width = 24;
        const bar = share === null ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '-')}] ${String(Math.round(share * 100)).padStart(3)}% `;
        clear();
        stream.write(`${bar}${label} ${amount} ${rate}`.slice(0, (stream.columns || 100) - 1));
        drawn = true;
      } else {
        stream.write(`${label}: ${share === null ? '' : `${Math.round(share * 100)}% `}${amount} (${rate})\n`);
      }
    },
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    done() {
      clear();
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}
