import type { ObjectQuery } from '../storage.js';
import { parseMicros } from '../storage.js';

/** Collects the values of a parameterised statement; add() returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type Selection = Omit<ObjectQuery, 'limit'>;

/**
 * The WHERE clause (over `objects o`) selecting what a query matches, TAXII 2.1 §3.4.1:
 * filters AND-ed, selectors of match[version] OR-ed, version selection per id among the rows
 * passing the spec-version filter, all before paging (research §1.13 #3).
 *
 * With the default spec_version the stored flags answer (index-only for the default query);
 * with an explicit match[spec_version], first/last are NOT EXISTS probes on objects_version,
 * which a LIMIT-ed scan in date_added order evaluates only for the rows it returns.
 */
export function whereClause(p: Params, collectionId: string, q: Selection): string {
  const where = [`o.collection_id = ${p.add(collectionId)}`];
  const after = Math.max(q.addedAfter ?? Number.NEGATIVE_INFINITY, q.after ?? Number.NEGATIVE_INFINITY);
  if (Number.isFinite(after)) where.push(`o.date_added > ${p.add(after)}`);
  if (q.ids !== undefined) where.push(`o.id = ANY(${p.add(q.ids)}::text[])`);
  if (q.types !== undefined) where.push(q.types.length === 1 ? `o.type = ${p.add(q.types[0])}` : `o.type = ANY(${p.add(q.types)}::text[])`);

  const selectors = q.versions ?? [{ kind: 'last' }];
  const explicitSpec = q.specVersions !== undefined;
  const spec = explicitSpec ? p.add(q.specVersions) : '';
  if (explicitSpec) where.push(`o.spec_version = ANY(${spec}::text[])`);

  if (selectors.some((s) => s.kind === 'all')) {
    if (!explicitSpec) where.push('o.is_spec_latest');
    return where.join(' AND ');
  }
  const any: string[] = [];
  const exact: number[] = [];
  for (const s of selectors) {
    if (s.kind === 'exact') {
      const micros = parseMicros(s.version);
      if (micros !== undefined) exact.push(micros);
    } else if (!explicitSpec) {
      any.push(s.kind === 'last' ? 'o.is_last' : 'o.is_first');
    } else {
      const cmp = s.kind === 'last' ? '>' : '<';
      any.push(
        `NOT EXISTS (SELECT 1 FROM objects n WHERE n.collection_id = o.collection_id AND n.id = o.id` +
          ` AND n.spec_version = ANY(${spec}::text[]) AND n.version_micros ${cmp} o.version_micros)`,
      );
    }
  }
  if (exact.length > 0) {
    const v = `o.version_micros = ANY(${p.add(exact)}::bigint[])`;
    any.push(explicitSpec ? v : `(o.is_spec_latest AND ${v})`);
  }
  where.push(any.length === 0 ? 'false' : `(${any.join(' OR ')})`);
  return where.join(' AND ');
}
