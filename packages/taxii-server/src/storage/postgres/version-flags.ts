/**
 * The per-version flags stored on each objects row, computed from all the rows of one object id.
 * They precompute the default selections of TAXII 2.1 §3.4.1 so reads need no aggregation:
 *  - isSpecLatest: the row holds the latest spec_version stored for its (id, version) — the
 *    default match[spec_version];
 *  - isLast / isFirst: isSpecLatest and the newest / oldest version of the id — the default
 *    match[version]=last, and match[version]=first (each version has an isSpecLatest row, so
 *    "last among the versions passing the default spec filter" is simply the newest version).
 */

export interface VersionFlags {
  isLast: boolean;
  isFirst: boolean;
  isSpecLatest: boolean;
}

export interface FlaggedRow extends VersionFlags {
  readonly versionMicros: number;
  readonly specVersion: string;
}

/** Orders spec versions numerically ('2.0' < '2.1' < '2.10'). */
export function compareSpecVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = Number(pa[i] ?? 0) - Number(pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Recomputes the flags of every row of one id in place; returns the rows whose flags changed.
 */
export function reflag<T extends FlaggedRow>(rows: readonly T[]): T[] {
  const topSpec = new Map<number, string>();
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  for (const r of rows) {
    const top = topSpec.get(r.versionMicros);
    if (top === undefined || compareSpecVersions(r.specVersion, top) > 0) topSpec.set(r.versionMicros, r.specVersion);
    if (r.versionMicros > newest) newest = r.versionMicros;
    if (r.versionMicros < oldest) oldest = r.versionMicros;
  }
  const changed: T[] = [];
  for (const r of rows) {
    const isSpecLatest = topSpec.get(r.versionMicros) === r.specVersion;
    const isLast = isSpecLatest && r.versionMicros === newest;
    const isFirst = isSpecLatest && r.versionMicros === oldest;
    if (isSpecLatest !== r.isSpecLatest || isLast !== r.isLast || isFirst !== r.isFirst) {
      r.isSpecLatest = isSpecLatest;
      r.isLast = isLast;
      r.isFirst = isFirst;
      changed.push(r);
    }
  }
  return changed;
}
