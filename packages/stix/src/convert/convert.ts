/**
 * `convert()`: STIX 2.0 ⇄ 2.1 for a bundle, a list of objects or one object. No validation inside
 * (validate the result if it matters); the input is never mutated, and objects that need no
 * change beyond spec_version are shallow copies.
 */
import { StixError } from '../errors.js';
import { randomId } from '../ids/sco-id.js';
import type { StixVersion } from '../issues.js';
import { detectVersion } from '../version.js';
import { ChangeLog } from './report.js';
import { downgrade, isUuid4Id } from './to-20.js';
import { upgrade } from './to-21.js';
import type { ConversionReport, ConvertJson, ConvertOptions, ConvertResult } from './types.js';

const isObject = (v: unknown): v is ConvertJson => v !== null && typeof v === 'object' && !Array.isArray(v);
const VERSIONS: readonly string[] = ['2.0', '2.1'];

/**
 * Converts STIX content to `options.to`. A bundle gives a bundle (2.0 bundles carry
 * spec_version "2.0", 2.1 bundles none); a list or a single object gives a list. The report
 * lists every change that is not a pure rename, with counts by kind.
 * Throws StixError STIX_CONVERT_INPUT when the input is not a bundle, an object or a list, or
 * the versions are not 2.0 / 2.1.
 */
export function convert(input: unknown, options: ConvertOptions): ConvertResult {
  if (!VERSIONS.includes(options.to)) throw new StixError('STIX_CONVERT_INPUT', `unknown target version ${JSON.stringify(options.to)}`);
  if (options.from !== undefined && !VERSIONS.includes(options.from))
    throw new StixError('STIX_CONVERT_INPUT', `unknown source version ${JSON.stringify(options.from)}`);
  const isBundle = isObject(input) && input.type === 'bundle';
  let objects: readonly unknown[];
  if (isBundle) {
    if (input.objects !== undefined && !Array.isArray(input.objects))
      throw new StixError('STIX_CONVERT_INPUT', 'the bundle objects property is not a list');
    objects = (input.objects as unknown[] | undefined) ?? [];
  } else if (Array.isArray(input)) objects = input;
  else if (isObject(input)) objects = [input];
  else throw new StixError('STIX_CONVERT_INPUT', 'expected a bundle, a STIX object or a list of objects');
  const from: StixVersion = options.from ?? detectVersion(input).version;
  const to = options.to;
  const log = new ChangeLog();
  let out: ConvertJson[];
  if (from === to) {
    out = objects.filter(isObject);
    for (let i = out.length; i < objects.length; i++) log.add('', 'dropped-object', '', 'not a JSON object');
  } else if (to === '2.1')
    out = upgrade(objects, log, {
      keepRemovedAsCustom: options.keepRemovedAsCustom ?? false,
      malwareIsFamily: options.malwareIsFamily ?? true,
    });
  else
    out = downgrade(objects, log, {
      keepRemovedAsCustom: options.keepRemovedAsCustom ?? false,
      customObjects: options.customObjects ?? 'drop',
    });
  let bundle: ConvertJson | undefined;
  if (isBundle) {
    // Lists MUST NOT be empty (2.0 Part 1 §2.9, 2.1 §2.8): a bundle with no objects has no `objects`.
    bundle = from === to ? (out.length > 0 ? { ...input, objects: out } : withoutObjects(input)) : convertBundle(input, to, out, log);
  }
  const report: ConversionReport = {
    from,
    to,
    inputObjects: objects.length,
    outputObjects: out.length,
    changes: log.changes,
    counts: log.counts,
  };
  return bundle ? { shape: 'bundle', bundle, objects: out, report } : { shape: 'objects', objects: out, report };
}

function withoutObjects(bundle: ConvertJson): ConvertJson {
  const { objects: _, ...rest } = bundle;
  return rest;
}

/** The bundle envelope: 2.0 Part 1 §5 requires spec_version "2.0" and a v4 id; 2.1 §8 forbids spec_version. */
function convertBundle(input: ConvertJson, to: StixVersion, objects: ConvertJson[], log: ChangeLog): ConvertJson {
  const { spec_version: _, objects: __, ...rest } = input;
  const bundle: ConvertJson = to === '2.0' ? { type: 'bundle', id: rest.id, spec_version: '2.0', ...rest } : { ...rest };
  if (to === '2.0' && typeof bundle.id === 'string' && !isUuid4Id(bundle.id)) {
    const id = randomId('bundle');
    log.add(bundle.id, 'generated-id', 'id', `${id} (STIX 2.0 identifiers use UUIDv4)`);
    bundle.id = id;
  }
  // 2.0 Part 1 §5, 2.1 §8: objects is optional, and a list present must not be empty.
  if (objects.length > 0) bundle.objects = objects;
  return bundle;
}
