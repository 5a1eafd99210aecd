/**
 * A progress line on stderr for large runs: shown only when stderr is a terminal and the run has
 * at least `minTotal` units, redrawn at most every `everyMs`, and erased at the end, so that
 * nothing of it reaches a file or a pipe.
 */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

const NONE: Progress = { update() {}, end() {} };

export function createProgress(
  sink: ProgressSink,
  opts: { label: string; minTotal?: number; everyMs?: number; now?: () => number },
): Progress {
  if (!sink.isTTY) return NONE;
  const minTotal = opts.minTotal ?? 2000;
  const everyMs = opts.everyMs ?? 200;
  const now = opts.now ?? (() => performance.now());
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      if (total < minTotal) return;
      const t = now();
      if (done < total && t - last < everyMs) return;
      last = t;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const pct = Math.floor((done / total) * 100);
      sink.write(
        `\r${opts.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${pct}%`,
      );
      drawn = true;
    },
    end() {
      if (drawn) sink.write("\r\u001b[2K");
      drawn = false;
    },
  };
}
