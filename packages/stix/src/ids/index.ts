/** Identifiers: UUIDs and deterministic SCO ids. */

export {
  checkScoId,
  hasDeterministicId,
  idContributingProperties,
  idContributingValues,
  randomId,
  SCO_NAMESPACE,
  type ScoIdOptions,
  scoId,
} from './sco-id.js';
export { uuid4, uuid5 } from './uuid.js';
