/**
 * The state one validation run carries: where we are (a path stack, pushed and popped rather than
 * copied, so the hot path allocates nothing until there is something to report), the options,
 * and the issues found so far.
 */
import type { PatternObjectModel } from '@taxiway/pattern';
import type { Issue, PathSegment, StixVersion } from '../issues.js';
import { renderPath } from '../issues.js';
import { bestPracticeChecks } from './best-practices.js';
import type { IssueCode } from './codes.js';

/** What to do with content the specification does not define (custom types or properties). */
export type CustomPolicy =
  /** Accept silently (parse with `allowCustom`). */
  | 'allow'
  /** Accept, with the naming best practices 101/102 as warnings (the validator's default). */
  | 'warn'
  /** Reject as an error (`strictTypes` / `strictProperties`, or parse without `allowCustom`). */
  | 'error';

export interface ContextOptions {
  readonly version: StixVersion;
  readonly customTypes: CustomPolicy;
  readonly customProperties: CustomPolicy;
  /** Best-practice check numbers that run. Empty: structural and MUST checks only. */
  readonly bestPractices: ReadonlySet<number>;
  /** Report best-practice findings as errors instead of warnings. */
  readonly strict: boolean;
  /** Every `_ref`/`_refs` (outside observable containers) must resolve to an object of the input. */
  readonly enforceRefs: boolean;
  /**
   * What indicator patterns are checked against (pattern-model.ts; passed in here rather than
   * imported by the check, which the object specifications load before the registries exist).
   */
  readonly patternObjectModel?: PatternObjectModel;
}

export class ValidationContext {
  readonly path: PathSegment[] = [];
  readonly issues: Issue[] = [];
  /** The id of the top-level object being checked, reported with every issue. */
  objectId: string | undefined = undefined;
  /** The top-level object being checked (for checks that look across properties). */
  object: Record<string, unknown> | undefined = undefined;
  /**
   * Names of top-level properties that an extension of the current object declares
   * (`toplevel-property-extension`), which are then not custom properties.
   */
  extensionProperties: ReadonlySet<string> | undefined = undefined;
  /** References seen, for `enforceRefs`: path, id. */
  readonly references: Array<{ readonly path: string; readonly objectId: string | undefined; readonly ref: string }> = [];
  errorCount = 0;
  warningCount = 0;

  constructor(readonly options: ContextOptions) {}

  get version(): StixVersion {
    return this.options.version;
  }

  /** Reports an error at the current path (plus `segment`, if given). */
  error(code: IssueCode, message: string, segment?: PathSegment): void {
    this.add({ severity: 'error', code, message, path: this.render(segment), objectId: this.objectId });
    this.errorCount++;
  }

  /** Reports an error at an already-rendered path (for checks that resolve after the walk). */
  errorAt(path: string, code: IssueCode, message: string): void {
    this.add({ severity: 'error', code, message, path, objectId: this.objectId });
    this.errorCount++;
  }

  /** True when best-practice check `number` runs. */
  checks(number: number): boolean {
    return this.options.bestPractices.has(number);
  }

  /** Reports a best-practice finding, if that check runs: a warning, or an error under `strict`. */
  bestPractice(number: number, code: IssueCode, message: string, segment?: PathSegment): void {
    if (!this.options.bestPractices.has(number)) return;
    const check = bestPracticeChecks[this.options.version].get(number);
    const severity = this.options.strict ? 'error' : 'warning';
    this.add({
      severity,
      code,
      check: check ? { number, name: check.name } : { number, name: String(number) },
      message,
      path: this.render(segment),
      objectId: this.objectId,
    });
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
  }

  /** Runs `fn` with `segment` pushed on the path. */
  at(segment: PathSegment, fn: () => void): void {
    this.path.push(segment);
    try {
      fn();
    } finally {
      this.path.pop();
    }
  }

  private render(segment: PathSegment | undefined): string {
    if (segment === undefined) return renderPath(this.path);
    this.path.push(segment);
    const out = renderPath(this.path);
    this.path.pop();
    return out;
  }

  private add(issue: Issue): void {
    if (issue.objectId === undefined) {
      const { objectId: _omit, ...rest } = issue;
      this.issues.push(rest);
    } else this.issues.push(issue);
  }
}

/** Short description of a JSON value for messages: `the string "abc"`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `the string ${JSON.stringify(`${value.slice(0, 57)}...`)}` : `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
