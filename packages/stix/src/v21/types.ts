/** STIX 2.1 object types: every SDO, SRO, SCO and meta object, and the bundle. */
export type * from './types-common.js';
export type * from './types-sco.js';
export type * from './types-sdo.js';

import type { StixCyberObservableObject21 } from './types-sco.js';
import type { StixDomainObject21, StixMetaObject21, StixRelationshipObject21 } from './types-sdo.js';

/** Any STIX 2.1 object defined by the specification (discriminated on `type`). */
export type StixObject21 = StixDomainObject21 | StixRelationshipObject21 | StixCyberObservableObject21 | StixMetaObject21;
