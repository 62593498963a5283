/** Object paths as pattern text, for messages and the inspector. */
import type { ObjectPath } from './ast.js';

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const quote = (name: string) => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The steps only: `hashes.'SHA-256'`, `sections[*].entropy`. */
export function renderSteps(path: ObjectPath): string {
  let text = '';
  path.steps.forEach((step, i) => {
    if (step.kind === 'index') {
      text += `[${step.index}]`;
      return;
    }
    const name = IDENTIFIER.test(step.name) ? step.name : quote(step.name);
    text += i === 0 ? name : `.${name}`;
  });
  return text;
}

/** The whole path: `file:hashes.'SHA-256'`. */
export function renderPath(path: ObjectPath): string {
  return `${path.objectType}:${renderSteps(path)}`;
}
