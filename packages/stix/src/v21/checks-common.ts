/** Whole-object checks that apply to every STIX 2.1 object. */
import type { ObjectCheck } from '../registry.js';
import { checkGranularSelectors } from './common.js';

export const commonChecks: readonly ObjectCheck[] = [(object, ctx) => checkGranularSelectors(object, ctx)];
