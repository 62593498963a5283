/**
 * Add Objects (TAXII 2.1 §5.5) after the envelope is parsed: each object is validated with
 * @taxiway/stix; invalid ones become failures, the others are stored in chunks. A request of one
 * chunk is answered complete; a larger one is answered pending at once and stored chunk by chunk,
 * yielding to the event loop between chunks so that other requests are served meanwhile.
 *
 * A one-chunk request that asks for it (`Prefer: respond-async`, RFC 7240) is answered pending as
 * soon as it is validated, and stored after the answer: the client's next POST is then validated
 * while this one is written, and consecutive POSTs share a transaction (group-commit.ts). Until the
 * write commits the status lives in this process only (accepted-statuses.ts); a crash meanwhile
 * loses that POST (objects and status: GET status answers 404 after a restart; POSTing it again is
 * idempotent). While more than MAX_ASYNC_QUEUED_OBJECTS wait to be stored, requests are answered
 * after their write, as without the preference: memory stays bounded.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { detectVersion, validate } from '@taxiway/stix';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from './context.js';
import { formatMicros, type IncomingObject, type Status, type StatusDetail } from './storage/storage.js';

/**
 * Objects per write (one transaction, possibly shared with other POSTs: group-commit.ts). 1,000
 * keeps the event loop blocked for at most some tens of ms per chunk, and makes a POST of up to
 * 1,000 objects one chunk: answered complete.
 */
export const CHUNK_SIZE = 1000;
const MAX_MESSAGES = 3;
/** Objects waiting to be stored beyond which a respond-async POST waits for its write. */
export const MAX_ASYNC_QUEUED_OBJECTS = 20_000;

export interface IngestRequest {
  readonly apiRoot: string;
  readonly collectionId: string;
  readonly owner: string;
  readonly objects: readonly unknown[];
  /** Each object's text as received (json-spans.ts), index for index; else they are serialised. */
  readonly received?: readonly string[];
  /** The client prefers an answer before the objects are stored (Prefer: respond-async). */
  readonly respondAsync?: boolean;
}

/**
 * Whether a Prefer header (RFC 7240 §2: comma-separated preferences, each a token with optional
 * `=value` and `;` parameters; names case-insensitive; several headers joined by Node with ", ")
 * holds respond-async.
 */
export function prefersRespondAsync(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  return text.split(',').some((preference) => /^\s*respond-async\s*(?:[=;]|$)/i.test(preference));
}

function versionOf(o: Record<string, unknown>): string | undefined {
  const v = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : undefined;
  return v;
}

/** Validates one object; an IncomingObject, or the failure to report. */
function check(value: unknown, received: string | undefined): IncomingObject | StatusDetail {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { id: '', version: '', message: 'not a JSON object' };
  }
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : '';
  const version = versionOf(o);
  // The object's own version, as @taxiway/stix detects it: spec_version, else the 2.1-only signals
  // (a top-level SCO with an id, 2.1-only types and properties), else 2.0 (2.1 §3.2).
  const specVersion = detectVersion(o).version;
  const report = validate(o, { version: specVersion, bestPractices: false });
  if (!report.valid || id === '' || typeof o.type !== 'string') {
    const errors = report.issues.filter((i) => i.severity === 'error');
    const messages = errors.slice(0, MAX_MESSAGES).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    if (errors.length > MAX_MESSAGES) messages.push(`and ${errors.length - MAX_MESSAGES} more`);
    return { id, version: version ?? '', message: messages.join('; ') || 'not a STIX object (id and type are required)' };
  }
  // The identity (storage.ts) only when a storage asks for it: PostgreSQL hashes every one, SQLite
  // compares one only against a stored version of the same id, and its writer thread derives it
  // there (JSON.stringify of 100 objects is ≈ 85 µs of the event loop per POST).
  let identity = received === undefined ? JSON.stringify(o) : undefined;
  return {
    id,
    type: o.type,
    version,
    specVersion,
    raw: received ?? (identity as string),
    get identity(): string {
      identity ??= JSON.stringify(o);
      return identity;
    },
  };
}

export async function ingest(ctx: ServerContext, request: IngestRequest, log: FastifyBaseLogger): Promise<Status> {
  const valid: IncomingObject[] = [];
  const failures: StatusDetail[] = [];
  for (let i = 0; i < request.objects.length; i++) {
    if (i > 0 && i % CHUNK_SIZE === 0) await yieldToEventLoop();
    const result = check(request.objects[i], request.received?.[i]);
    if ('raw' in result) valid.push(result);
    else failures.push(result);
  }
  const id = randomUUID();
  const requestTimestamp = formatMicros(Date.now() * 1000);
  if (valid.length > 0 && valid.length <= CHUNK_SIZE) {
    // One chunk: stored and its status created complete in one transaction, shared with the
    // POSTs to the same collection that arrive meanwhile (group-commit.ts). Nobody can ask for
    // the status before this request is answered, and a crash leaves both or neither.
    const pending: Status = {
      id,
      status: 'pending',
      requestTimestamp,
      totalCount: request.objects.length,
      successes: [],
      failures,
      pendings: [],
      owner: request.owner,
      apiRoot: request.apiRoot,
      collectionId: request.collectionId,
    };
    const written = ctx.writes.write(request.collectionId, { objects: valid, status: { id, final: true, create: pending } });
    if (request.respondAsync === true && ctx.writes.queuedObjects <= MAX_ASYNC_QUEUED_OBJECTS) {
      const accepted: Status = { ...pending, pendings: valid.map((o) => ({ id: o.id, version: o.version ?? '' })) };
      ctx.accepted.accept(accepted);
      const job = written.then(
        () => ctx.accepted.stored(id),
        (error: unknown) => {
          log.error({ err: error, status: id }, 'storing an asynchronous POST failed; none of its objects were stored');
          ctx.accepted.failed(id, 'not stored: the server failed to write this request; POST it again');
        },
      );
      ctx.jobs.add(job);
      void job.finally(() => ctx.jobs.delete(job));
      return accepted;
    }
    const result = await written;
    return {
      ...pending,
      status: 'complete',
      successes: [...result.added, ...result.duplicates],
      failures: [...failures, ...result.conflicts],
    };
  }
  const status: Status = {
    id,
    status: valid.length === 0 ? 'complete' : 'pending',
    requestTimestamp,
    totalCount: request.objects.length,
    successes: [],
    failures,
    pendings: valid.map((o) => ({ id: o.id, version: o.version ?? '' })),
    owner: request.owner,
    apiRoot: request.apiRoot,
    collectionId: request.collectionId,
  };
  await ctx.storage.createStatus(status);
  if (valid.length === 0) return status;
  const chunks: IncomingObject[][] = [];
  for (let i = 0; i < valid.length; i += CHUNK_SIZE) chunks.push(valid.slice(i, i + CHUNK_SIZE));
  const store = async () => {
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) await yieldToEventLoop();
      await ctx.writes.write(request.collectionId, {
        objects: chunks[i] as IncomingObject[],
        status: { id, final: i === chunks.length - 1 },
      });
    }
  };
  // A failed or interrupted job leaves the status pending; once it has been idle for
  // limits.pending_status_timeout_ms it is settled (server.ts, plugins/status.ts).
  const job = store().catch((error: unknown) =>
    log.error({ err: error, status: id }, 'storing a POST failed; its status stays pending until it is settled as abandoned'),
  );
  ctx.jobs.add(job);
  void job.finally(() => ctx.jobs.delete(job));
  return status;
}
