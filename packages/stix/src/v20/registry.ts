/** Everything STIX 2.0 defines, assembled for dispatch by type. */
import { defineRegistry } from '../registry.js';
import { bundle, checkGranularSelectors, customObject } from './common.js';
import { definitions20 } from './sdos.js';

export const registry20 = defineRegistry('2.0', definitions20, {
  bundle,
  customObject,
  // 2.0 has no top-level observables: every custom top-level object is SDO-shaped.
  customObservable: customObject,
  objectChecks: [(object, ctx) => checkGranularSelectors(object, ctx)],
});
