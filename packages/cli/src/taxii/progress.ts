/**
 * Progress of pull / push / sync on stderr: a live line (objects, bytes, rate, and a bar when
 * the total is known) when stderr is a terminal, else one plain log line per page or request —
 * what a cron job's log or CI wants. `--quiet` silences both.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** `objects` more done (and `bytes` more moved), with a line for the log. */
  step(objects: number, bytes: number, note: string): void;
  /** The total, when it becomes known (2.0 Content-Range, a push's input). */
  total(objects: number): void;
  /** A message that must not be overwritten by the bar. */
  log(message: string): void;
  stop(): void;
  readonly objects: number;
  readonly bytes: number;
  /** Seconds since the start. */
  readonly seconds: number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function startProgress(verb: string, options: { readonly quiet?: boolean; readonly tty?: boolean } = {}): Progress {
  const started = performance.now();
  let objects = 0;
  let bytes = 0;
  let known: number | undefined;
  const seconds = () => (performance.now() - started) / 1000;
  const rate = () => Math.round(objects / Math.max(seconds(), 1e-3));
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  const quiet = options.quiet === true;
  let bar: SingleBar | undefined;
  if (tty && !quiet) {
    bar = new SingleBar(
      {
        format: `${verb} {bar} {value}{ofTotal} objects | {bytes} | {rate} objects/s`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 20,
        fps: 5,
      },
      { format: '', barCompleteChar: '█', barIncompleteChar: '░' },
    );
    bar.start(0, 0, { bytes: formatBytes(0), rate: 0, ofTotal: '' });
  }
  const payload = () => ({ bytes: formatBytes(bytes), rate: rate(), ofTotal: known === undefined ? '' : `/${known}` });
  return {
    step(n, b, note) {
      objects += n;
      bytes += b;
      if (bar) {
        // Without a known total the bar stays at its end: value and rate are what matter then.
        bar.setTotal(known ?? Math.max(objects, 1));
        bar.update(objects, payload());
      } else if (!quiet) process.stderr.write(`taxiway: ${verb} ${note}: ${objects} objects, ${formatBytes(bytes)}, ${rate()} objects/s\n`);
    },
    total(n) {
      known = n;
      bar?.setTotal(n);
    },
    log(message) {
      if (quiet) return;
      if (bar) {
        process.stderr.write('\n');
        process.stderr.write(`${message}\n`);
      } else process.stderr.write(`${message}\n`);
    },
    stop() {
      if (bar) {
        bar.update(objects, payload());
        bar.stop();
        bar = undefined;
      }
    },
    get objects() {
      return objects;
    },
    get bytes() {
      return bytes;
    },
    get seconds() {
      return seconds();
    },
  };
}
