/**
 * `taxiway pattern validate|print|inspect|match`: STIX patterns on the command line, over
 * @taxiway/pattern (with @taxiway/stix's object model, so that property names are checked against
 * the version's object definitions).
 */
import { readFile } from 'node:fs/promises';
import {
  inspectPattern,
  type MatchResult,
  match,
  PatternError,
  type PatternIssue,
  type PatternVersion,
  parse,
  print,
  validatePattern,
} from '@taxiway/pattern';
import { patternObjectModel } from '@taxiway/stix';
import { type Command, Option } from 'commander';
import pc from 'picocolors';
import { ExitCode, UsageError } from '../exit-codes.js';
import { describeIoError, readAll, resolveInputs } from '../input.js';

interface CommonFlags {
  readonly version: PatternVersion;
  readonly format: 'text' | 'json';
  readonly file?: string;
}

const versionOption = () =>
  new Option('--version <version>', 'the STIX version whose grammar the patterns follow').choices(['2.0', '2.1']).default('2.1');
const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const fileOption = () =>
  new Option(
    '-f, --file <file>',
    'read patterns from a file, one per line (- for standard input; blank lines and lines starting with # are skipped)',
  );

export function registerPattern(program: Command, setExitCode: (code: number) => void): void {
  const pattern = program
    .command('pattern')
    .description('STIX patterns: validate, print canonically, inspect, match against observed-data')
    .addHelpText('after', '\nExit codes: validate/print 0 valid, 1 invalid; match 0 matched, 1 not matched; 2 usage or I/O error.');

  pattern
    .command('validate')
    .description('check patterns: syntax, the patterning rules, object types and property names of the version')
    .argument('[patterns...]', 'patterns (quote each one for the shell)')
    .addOption(fileOption())
    .addOption(versionOption())
    .addOption(formatOption())
    .action(async (patterns: string[], flags: CommonFlags) => setExitCode(await validateCommand(await collect(patterns, flags), flags)));

  pattern
    .command('print')
    .description('print patterns in canonical form (spacing, quoting, parentheses)')
    .argument('[patterns...]', 'patterns')
    .addOption(fileOption())
    .addOption(versionOption())
    .addOption(new Option('--to <version>', 'print in the grammar of this version (START/STOP literals)').choices(['2.0', '2.1']))
    .addOption(formatOption())
    .action(async (patterns: string[], flags: CommonFlags & { to?: PatternVersion }) =>
      setExitCode(await printCommand(await collect(patterns, flags), flags)),
    );

  pattern
    .command('inspect')
    .description('what a pattern looks at: object types, paths, operators, qualifiers')
    .argument('[patterns...]', 'patterns')
    .addOption(fileOption())
    .addOption(versionOption())
    .addOption(formatOption())
    .action(async (patterns: string[], flags: CommonFlags) => setExitCode(await inspectCommand(await collect(patterns, flags), flags)));

  pattern
    .command('match')
    .description('match a pattern against observed-data (bundles, objects or arrays; 2.1 SCOs beside their observed-data)')
    .argument('<pattern>', 'the pattern')
    .argument('<observed...>', 'JSON files (.json, .json.gz, directories, - for standard input)')
    .addOption(versionOption())
    .addOption(formatOption())
    .option('--max-bindings <n>', 'report at most this many bindings', '10')
    .action(async (text: string, files: string[], flags: CommonFlags & { maxBindings: string }) =>
      setExitCode(await matchCommand(text, files, flags)),
    );
}

/** The patterns of the arguments, then of --file. */
async function collect(args: readonly string[], flags: CommonFlags): Promise<string[]> {
  const patterns = [...args];
  if (flags.file !== undefined) {
    let text: string;
    try {
      text = flags.file === '-' ? (await readAll(process.stdin)).toString('utf8') : await readFile(flags.file, 'utf8');
    } catch (error) {
      throw new UsageError(`${flags.file}: ${describeIoError(error)}`);
    }
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '' && !line.trimStart().startsWith('#')) patterns.push(line);
  }
  if (patterns.length === 0) throw new UsageError('no pattern given (as an argument or with --file)');
  return patterns;
}

const color = process.stdout.isTTY === true;
const paint = (f: (s: string) => string, s: string) => (color ? f(s) : s);

function renderIssue(issue: PatternIssue): string {
  const tag = issue.severity === 'error' ? paint(pc.red, 'error') : paint(pc.yellow, 'warning');
  const [first, ...caret] = issue.message.split('\n');
  const at =
    issue.position && !/ at line \d+, column \d+$/.test(first) ? ` at line ${issue.position.line}, column ${issue.position.column}` : '';
  return `  ${tag} ${first}${at} [${issue.code}]${caret.length ? `\n${caret.map((l) => `  ${l}`).join('\n')}` : ''}`;
}

async function validateCommand(patterns: readonly string[], flags: CommonFlags): Promise<number> {
  const results = patterns.map((text) => {
    const { valid, issues } = validatePattern(text, { version: flags.version, objectModel: patternObjectModel });
    return { pattern: text, valid, issues };
  });
  const invalid = results.filter((r) => !r.valid).length;
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ version: flags.version, valid: invalid === 0, patterns: results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      const mark = r.valid ? paint(pc.green, '✓') : paint(pc.red, '✗');
      process.stdout.write(`${mark} ${r.pattern}\n`);
      for (const issue of r.issues) process.stdout.write(`${renderIssue(issue)}\n`);
    }
    if (patterns.length > 1) process.stdout.write(`${patterns.length} patterns: ${patterns.length - invalid} valid, ${invalid} invalid\n`);
  }
  return invalid === 0 ? ExitCode.Ok : ExitCode.Invalid;
}

async function printCommand(patterns: readonly string[], flags: CommonFlags & { to?: PatternVersion }): Promise<number> {
  let code: number = ExitCode.Ok;
  const out: Array<{ pattern: string; printed?: string; error?: string }> = [];
  for (const text of patterns) {
    try {
      out.push({ pattern: text, printed: print(parse(text, { version: flags.version }), { version: flags.to ?? flags.version }) });
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      code = ExitCode.Invalid;
      out.push({ pattern: text, error: error.message });
    }
  }
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else
    for (const o of out) {
      if (o.printed !== undefined) process.stdout.write(`${o.printed}\n`);
      else process.stderr.write(`taxiway: ${o.error}\n`);
    }
  return code;
}

async function inspectCommand(patterns: readonly string[], flags: CommonFlags): Promise<number> {
  let code: number = ExitCode.Ok;
  const out: unknown[] = [];
  for (const text of patterns) {
    try {
      const inspection = inspectPattern(parse(text, { version: flags.version }));
      out.push({ ...inspection, pattern: text });
      if (flags.format === 'text') {
        process.stdout.write(`${text}\n  object types: ${inspection.objectTypes.join(', ')}\n`);
        inspection.observations.forEach((o, i) => {
          process.stdout.write(`  [${i}] ${o.comparisons.map((c) => `${c.objectType}:${c.path} ${c.operator}`).join('; ')}\n`);
        });
        if (inspection.observationOperators.length)
          process.stdout.write(`  observation operators: ${inspection.observationOperators.join(', ')}\n`);
        if (inspection.qualifiers.length) process.stdout.write(`  qualifiers: ${inspection.qualifiers.map((q) => q.text).join(', ')}\n`);
      }
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      code = ExitCode.Invalid;
      out.push({ pattern: text, error: error.message });
      if (flags.format === 'text') process.stderr.write(`taxiway: ${error.message}\n`);
    }
  }
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return code;
}

/** Objects of a JSON document: a bundle's objects, an array's items, or the object itself. */
function objectsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'bundle') return Array.isArray(o.objects) ? o.objects : [];
    return [o];
  }
  throw new UsageError('expected a STIX bundle, an object or a JSON array of objects');
}

async function matchCommand(text: string, files: readonly string[], flags: CommonFlags & { maxBindings: string }): Promise<number> {
  const max = Number(flags.maxBindings);
  if (!Number.isInteger(max) || max < 1) throw new UsageError('--max-bindings takes a positive integer');
  const { inputs, errors } = await resolveInputs(files);
  for (const e of errors) process.stderr.write(`taxiway: ${e}\n`);
  if (errors.length > 0) return ExitCode.Usage;
  const objects: unknown[] = [];
  for (const input of inputs) {
    try {
      objects.push(...objectsOf(JSON.parse((await readAll(input.open())).toString('utf8'))));
    } catch (error) {
      const detail = error instanceof SyntaxError ? `not well-formed JSON: ${error.message}` : describeIoError(error);
      process.stderr.write(`taxiway: ${input.name}: ${detail}\n`);
      return ExitCode.Usage;
    }
  }
  let result: MatchResult;
  try {
    result = match(text, objects, { version: flags.version, maxBindings: max });
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    process.stderr.write(`taxiway: ${error.message}\n`);
    return ExitCode.Usage;
  }
  const observed = objects.filter((o) => (o as { type?: unknown } | null)?.type === 'observed-data').length;
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ pattern: text, observedData: observed, ...result }, null, 2)}\n`);
  else {
    process.stdout.write(
      result.matched
        ? `${paint(pc.green, '✓ matched')}: ${result.bindings.length}${result.bindings.length >= max ? '+' : ''} binding(s) over ${observed} observed-data\n`
        : `${paint(pc.red, '✗ no match')} over ${observed} observed-data\n`,
    );
    result.bindings.forEach((b, i) => {
      process.stdout.write(`  binding ${i + 1}: ${b.observedData.join(', ')}\n`);
      for (const e of b.expressions) process.stdout.write(`    [${e.expression}] ${e.observedData}: ${e.objects.join(', ')}\n`);
    });
  }
  return result.matched ? ExitCode.Ok : ExitCode.Invalid;
}
