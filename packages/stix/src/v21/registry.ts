/** Everything STIX 2.1 defines, assembled for dispatch by type. */
import { defineRegistry } from '../registry.js';
import { commonChecks } from './checks-common.js';
import { observableChecks } from './checks-sco.js';
import { bundle, customObject, customObservable } from './common.js';
import { metaDefinitions } from './meta.js';
import { observableDefinitions } from './observables.js';
import { sdoDefinitions } from './sdos.js';
import { sroDefinitions } from './sros.js';

export const registry21 = defineRegistry('2.1', [...sdoDefinitions, ...sroDefinitions, ...metaDefinitions, ...observableDefinitions], {
  bundle,
  customObject,
  customObservable,
  objectChecks: [...commonChecks, ...observableChecks],
});
