import type { ObjectCheck } from '../registry.js';
/** Whole-object MUST and SHOULD checks for SDOs, SROs and meta objects. */
export const sdoChecks: readonly ObjectCheck[] = [];
