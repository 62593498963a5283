/** Shared helpers for the specification tests (not part of the package surface). */
import type { StixVersion } from '../issues.js';
import { validate } from '../validate.js';

export const T1 = '2016-04-06T20:03:00.000Z';
export const T2 = '2016-05-07T11:22:30.000Z';
export const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';

let counter = 0;
/** A fresh, valid UUIDv4-shaped identifier of `type`. */
export function id(type: string): string {
  counter++;
  return `${type}--${counter.toString(16).padStart(8, '0')}-1111-4111-8111-111111111111`;
}

/** Common properties of a 2.1 SDO/SRO. */
export function sdo21(type: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, spec_version: '2.1', id: id(type), created: T1, modified: T1, ...props };
}

/** Common properties of a 2.0 SDO/SRO. */
export function sdo20(type: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, id: id(type), created: T1, modified: T1, ...props };
}

/** Error codes (and paths) validation reports for one object, best practices off. */
export function errors(object: unknown, version: StixVersion = '2.1'): string[] {
  return validate(object, { version, bestPractices: false })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.code}@${i.path}`);
}

/** Best-practice findings: `number:code@path`. */
export function warnings(object: unknown, version: StixVersion = '2.1', enable?: (number | string)[]): string[] {
  return validate(object, { version, enable })
    .issues.filter((i) => i.severity === 'warning')
    .map((i) => `${i.check?.number}:${i.code}@${i.path}`);
}
