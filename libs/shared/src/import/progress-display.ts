import { SingleBar } from 'cli-progress';

const PLAIN_PROGRESS_INTERVAL_MS = 5000;

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

export interface ProgressDisplay {
  /** Shows how much of the file is read, with a summary of the counts so far. */
  update: (bytesRead: number, summary: string) => void;
  stop: () => void;
}

/**
 * Progress of a file import on stderr, by bytes read: a bar on a terminal, a line every few
 * seconds otherwise (logs, CI).
 */
export function progressDisplay(label: string, totalBytes: number): ProgressDisplay {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done}/{total_mb} MB | {counts}`,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(totalBytes, 0, { done: '0.0', total_mb: megabytes(totalBytes), counts: '' });
    return {
      update: (bytesRead, summary) => bar.update(bytesRead, { done: megabytes(bytesRead), counts: summary }),
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
        `${label}: ${percent}% (${megabytes(bytesRead)}/${megabytes(totalBytes)} MB), ${summary}\n`,
      );
    },
    stop: () => undefined,
  };
}
