import type { StixVersion } from './issues.js';
import type { VersionRegistry } from './registry.js';
import { registry20 } from './v20/registry.js';
import { registry21 } from './v21/registry.js';

export const registries: Readonly<Record<StixVersion, VersionRegistry>> = { '2.0': registry20, '2.1': registry21 };
