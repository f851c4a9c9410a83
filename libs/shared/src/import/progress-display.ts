import { SingleBar } from 'cli-progress';

const PLAIN_PROGRESS_INTERVAL_MS = 5000;

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** How amounts are shown: bytes of a file (as MB) or plain counts of items. */
export type ProgressUnit = 'bytes' | 'items';

export interface ProgressDisplay {
  /** Shows how much of the file is read, with a summary of the counts so far. */
  update: (bytesRead: number, summary: string) => void;
  stop: () => void;
}

/**
 * Progress of a long job on stderr (bytes of a file read, or items done): a bar on a terminal,
 * a line every few seconds otherwise (logs, CI).
 */
export function progressDisplay(
  label: string,
  totalBytes: number,
  unit: ProgressUnit = 'bytes',
): ProgressDisplay {
  const show = unit === 'bytes' ? megabytes : (amount: number): string => String(amount);
  const suffix = unit === 'bytes' ? ' MB' : '';
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done}/{total_mb}${suffix} | {counts}`,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(totalBytes, 0, { done: show(0), total_mb: show(totalBytes), counts: '' });
    return {
      update: (bytesRead, summary) => bar.update(bytesRead, { done: show(bytesRead), counts: summary }),
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update: (bytesRead, summary) => {
      if (Date.now() - last < PLAIN_PROGRESS_INTERVAL_MS) return;
      last = Date.now();
      const percent = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 100;
      process.stderr.write(
        `${label}: ${percent}% (${show(bytesRead)}/${show(totalBytes)}${suffix}), ${summary}\n`,
      );
    },
    stop: () => undefined,
  };
}
