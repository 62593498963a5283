/**
 * Statement markings (2.0 Part 1 §4.1.2, 2.1 §7.2.1.3): a marking definition whose definition is
 * `{ statement }`, e.g. a copyright or terms of use.
 */
import { StixError } from '../errors.js';
import { randomId } from '../ids/index.js';
import type * as V20 from '../v20/types.js';
import type * as V21 from '../v21/types.js';
import { validate } from '../validate.js';

interface StatementOptionsBase {
  readonly created_by_ref?: string;
  readonly external_references?: readonly V21.ExternalReference[];
  readonly object_marking_refs?: readonly string[];
  /** Default: now, with millisecond precision. */
  readonly created?: string;
}

export interface StatementMarkingOptions20 extends StatementOptionsBase {
  readonly version: '2.0';
}

export interface StatementMarkingOptions21 extends StatementOptionsBase {
  /** Default '2.1'. */
  readonly version?: '2.1';
  /** 2.1 only. */
  readonly name?: string;
}

export type StatementMarkingOptions = StatementMarkingOptions20 | StatementMarkingOptions21;

/** A STIX 2.0 statement marking definition. */
export type StatementMarking20 = V20.MarkingDefinition & {
  readonly definition_type: 'statement';
  readonly definition: { readonly statement: string };
};

/**
 * A new statement marking definition (id UUIDv4, created now), frozen. Throws StixError STIX_INVALID,
 * with the issues, when the options make an invalid marking definition (e.g. a created_by_ref that
 * is not an identity).
 */
export function statementMarking(statement: string, options: StatementMarkingOptions20): StatementMarking20;
export function statementMarking(statement: string, options?: StatementMarkingOptions21): V21.StatementMarking;
export function statementMarking(statement: string, options: StatementMarkingOptions = {}): StatementMarking20 | V21.StatementMarking {
  const version = options.version ?? '2.1';
  if (version === '2.0' && 'name' in options && options.name !== undefined)
    throw new StixError('STIX_INVALID', 'name is a STIX 2.1 property of marking definitions; STIX 2.0 has none');
  const name = version === '2.1' ? (options as StatementMarkingOptions21).name : undefined;
  const object: Record<string, unknown> = { type: 'marking-definition' };
  if (version === '2.1') object.spec_version = '2.1';
  object.id = randomId('marking-definition');
  if (options.created_by_ref !== undefined) object.created_by_ref = options.created_by_ref;
  object.created = options.created ?? new Date().toISOString();
  if (name !== undefined) object.name = name;
  if (options.external_references !== undefined) object.external_references = options.external_references;
  if (options.object_marking_refs !== undefined) object.object_marking_refs = options.object_marking_refs;
  object.definition_type = 'statement';
  object.definition = { statement };
  const report = validate(object, { version, bestPractices: false });
  const errors = report.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new StixError('STIX_INVALID', errors.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: errors });
  Object.freeze(object.definition);
  return Object.freeze(object) as unknown as V21.StatementMarking;
}
