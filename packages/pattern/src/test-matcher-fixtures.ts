/** Fixture builders for the matcher tests (observed-data written from the spec text). */
export type Sco = Record<string, unknown> & { type: string };

let counter = 0;
export function reset(): void {
  counter = 0;
}

/** A 2.0 observed-data: SCOs in `objects` under keys "0", "1", …; times default to one instant. */
export function od20(
  objects: readonly Sco[] | Record<string, Sco>,
  at = '2020-01-01T00:00:00Z',
  options: { last?: string; count?: number; id?: string } = {},
) {
  const id = options.id ?? `observed-data--00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  const container = Array.isArray(objects) ? Object.fromEntries(objects.map((o, i) => [String(i), o])) : objects;
  return {
    type: 'observed-data',
    id,
    first_observed: at,
    last_observed: options.last ?? at,
    number_observed: options.count ?? 1,
    objects: container,
  };
}

/** A 2.1 observed-data naming `refs`. */
export function od21(refs: readonly string[], at = '2020-01-01T00:00:00Z', options: { last?: string; count?: number; id?: string } = {}) {
  const id = options.id ?? `observed-data--00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  return {
    type: 'observed-data',
    spec_version: '2.1',
    id,
    first_observed: at,
    last_observed: options.last ?? at,
    number_observed: options.count ?? 1,
    object_refs: refs,
  };
}

/** `2020-01-01T00:00:<s>Z` plus whole seconds (s < 86400). */
export function t(seconds: number): string {
  const d = new Date(Date.UTC(2020, 0, 1) + seconds * 1000);
  return d.toISOString().replace('.000Z', 'Z');
}

/** A 2.0 observed-data as od20 makes it. */
export type Od20 = ReturnType<typeof od20>;

/** The observations handed to one match() call. */
export type Scenario = readonly Od20[];

/**
 * The same observation in the 2.1 shape: each container object becomes an SCO with an id, refs
 * are rewritten to ids, and the observed-data names them in object_refs.
 */
export function to21(od: Od20): unknown[] {
  const ids = new Map<string, string>();
  const serial = od.id.slice(-12);
  for (const [key, object] of Object.entries(od.objects)) ids.set(key, `${object.type}--${serial}-${key}`);
  const rewrite = (value: unknown, name: string): unknown => {
    if (name.endsWith('_ref') && typeof value === 'string') return ids.get(value) ?? value;
    if (name.endsWith('_refs') && Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? (ids.get(v) ?? v) : v));
    if (Array.isArray(value)) return value.map((v) => rewrite(v, ''));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, k)]));
    return value;
  };
  const scos = Object.entries(od.objects).map(([key, object]) => ({ ...(rewrite(object, '') as Sco), id: ids.get(key) }));
  const { objects: _objects, ...rest } = od;
  return [{ ...rest, spec_version: '2.1', object_refs: scos.map((s) => s.id) }, ...scos];
}
