/**
 * Reading inputs: files, directories (recursively, *.json and *.json.gz) and standard input.
 * Gzip is recognised by its magic bytes, whatever the file is called.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface Input {
  /** What to call it in reports: the path, or `-` for standard input. */
  readonly name: string;
  /** Size on disk in bytes (compressed size for .gz); undefined for stdin. */
  readonly size: number | undefined;
  readonly gzip: boolean;
  /** Opens the content (decompressed); `onBytes` hears of every raw chunk read, for progress. */
  open(onBytes?: (bytes: number) => void): Readable;
}

/** Expands the command-line arguments into inputs; unreadable paths become `errors`. */
export async function resolveInputs(args: readonly string[]): Promise<{ inputs: Input[]; errors: string[] }> {
  const inputs: Input[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push(stdinInput());
      continue;
    }
    try {
      const info = await stat(arg);
      if (info.isDirectory()) {
        for (const file of await listJsonFiles(arg)) inputs.push(await fileInput(file));
      } else inputs.push(await fileInput(arg, info.size));
    } catch (error) {
      errors.push(`${arg}: ${describeIoError(error)}`);
    }
  }
  return { inputs, errors };
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listJsonFiles(path)));
    else if (/\.json(\.gz)?$/i.test(entry.name)) out.push(path);
  }
  return out;
}

async function fileInput(path: string, knownSize?: number): Promise<Input> {
  const size = knownSize ?? (await stat(path)).size;
  const handle = await open(path, 'r');
  const head = Buffer.alloc(2);
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return {
    name: path,
    size,
    gzip,
    open: (onBytes) => {
      const raw = createReadStream(path, { highWaterMark: 1 << 16 });
      if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
      if (!gzip) return raw;
      const gunzip = createGunzip();
      // A corrupt archive must surface as an error of the stream being read, not crash.
      raw.on('error', (e) => gunzip.destroy(e));
      return raw.pipe(gunzip);
    },
  };
}

function stdinInput(): Input {
  return {
    name: '-',
    size: undefined,
    gzip: false,
    open: () => Readable.from(sniffGzip(process.stdin)),
  };
}

export function describeIoError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** Reads a whole stream into one buffer (for small inputs). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Passes a stream through, gunzipping it when its first bytes are the gzip magic number. */
async function* sniffGzip(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(all()).pipe(createGunzip());
  else yield* all();
}
