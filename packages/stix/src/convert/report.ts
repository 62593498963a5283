/** Collects the changes a conversion makes. */
import type { ConversionChange, ConversionChangeKind } from './types.js';

export class ChangeLog {
  readonly changes: ConversionChange[] = [];
  readonly counts: Partial<Record<ConversionChangeKind, number>> = {};

  add(objectId: string, kind: ConversionChangeKind, path: string, detail: string): void {
    this.changes.push({ objectId, kind, path, detail });
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }
}

/** A property path inside an object: `name`, `objects["0"].name`, `values[1]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[a-z_][a-z0-9_]*$/i.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}
