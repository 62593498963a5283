/**
 * Validating a bundle of any size as a stream: objects are read, checked and dropped one at a
 * time, so memory stays flat in the input size (only ids are kept, and only when duplicate or
 * reference checks need them).
 */
import type { StixVersion, ValidationReport } from './issues.js';
import { type ByteSource, parseBundleStream } from './stream/bundle-stream.js';
import { type ValidateOptions, Validator } from './validate.js';
import { objectVersion } from './version.js';

export interface ValidateStreamOptions extends ValidateOptions {
  /** Called after each object with how many were read so far (for progress display). */
  readonly onObject?: (count: number) => void;
}

// How many leading objects to hold back while no object says which version it is. A 2.1 bundle
// shows its version on the first SDO (spec_version is required there), so this rarely fills.
const DETECTION_WINDOW = 1000;

export async function validateStream(source: ByteSource, options: ValidateStreamOptions = {}): Promise<ValidationReport> {
  const stream = parseBundleStream(source);
  let validator: Validator | undefined = options.version ? new Validator(options.version, options) : undefined;
  let pending: unknown[] = [];
  let detected: StixVersion | undefined;
  let index = 0;
  const feed = (v: Validator, object: unknown) => {
    v.ctx.path.push('objects');
    v.object(object, index++);
    v.ctx.path.pop();
    options.onObject?.(index);
  };
  const start = (version: StixVersion): Validator => {
    const v = new Validator(version, options);
    for (const o of pending) feed(v, o);
    pending = [];
    return v;
  };
  for (;;) {
    const next = await stream.next();
    if (next.done) {
      const envelope = next.value;
      if (!validator) {
        // Nothing in the objects decided: a bundle's spec_version says 2.0, its absence 2.1.
        const fallback: StixVersion = envelope.properties.spec_version === '2.0' || envelope.shape !== 'bundle' ? '2.0' : '2.1';
        validator = start(detected ?? fallback);
      }
      if (envelope.shape === 'bundle') {
        const ctx = validator.ctx;
        ctx.objectId = typeof envelope.properties.id === 'string' ? envelope.properties.id : undefined;
        // The objects themselves were checked one by one; the envelope check only needs to know there were some.
        validator.registry.bundle.check({ ...envelope.properties, ...(envelope.objectCount > 0 ? { objects: [null] } : {}) }, ctx);
        ctx.objectId = undefined;
      }
      return validator.finish();
    }
    if (validator) {
      feed(validator, next.value);
      continue;
    }
    pending.push(next.value);
    detected = objectVersion(next.value)?.version;
    if (detected || pending.length >= DETECTION_WINDOW) validator = start(detected ?? '2.0');
  }
}
