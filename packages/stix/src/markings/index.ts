/** Public surface of this module: re-exported by ../index.ts. Data markings (2.0 Part 1 §4, 2.1 §7.2). */
export type { GranularMarkingLike, MarkableObject, MarkingDefinitionId, MarkingInput, Markings, Selectors } from './marking-input.js';
export {
  addMarkings,
  clearMarkings,
  type GetMarkingsOptions,
  getMarkings,
  type IsMarkedOptions,
  isMarked,
  removeMarkings,
  setMarkings,
} from './markings.js';
export {
  type StatementMarking20,
  type StatementMarkingOptions,
  type StatementMarkingOptions20,
  type StatementMarkingOptions21,
  statementMarking,
} from './statement.js';
export {
  type MarkingDefinitionLike,
  type MostRestrictiveTlpOptions,
  mostRestrictiveTlp,
  TLP_AMBER_V20,
  TLP_AMBER_V21,
  TLP_GREEN_V20,
  TLP_GREEN_V21,
  TLP_MARKING_IDS,
  TLP_RED_V20,
  TLP_RED_V21,
  TLP_WHITE_V20,
  TLP_WHITE_V21,
  TLP2_AMBER,
  TLP2_AMBER_STRICT,
  TLP2_CLEAR,
  TLP2_EXTENSION_DEFINITION,
  TLP2_EXTENSION_ID,
  TLP2_GREEN,
  TLP2_RED,
  type TlpInfo,
  type TlpLevelName,
  type TlpVersion,
  tlpLevel,
} from './tlp.js';
