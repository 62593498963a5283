/**
 * `taxiway validate [FILE|DIR|-]...`: validate STIX 2.0 / 2.1 content, as the OASIS
 * stix2-validator does (same best-practice numbers), offline and streaming.
 */
import {
  bestPracticeChecks,
  StixError,
  type StixVersion,
  type ValidateOptions,
  type ValidationReport,
  validate,
  validateStream,
} from '@taxiway/stix';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { describeIoError, type Input, readAll, resolveInputs } from '../input.js';
import { renderJson } from '../output/json.js';
import { type FileReport, renderText, renderTotal } from '../output/text.js';

interface ValidateFlags {
  readonly version?: StixVersion;
  readonly strict?: boolean;
  readonly enable?: string;
  readonly disable?: string;
  readonly enforceRefs?: boolean;
  readonly strictTypes?: boolean;
  readonly strictProperties?: boolean;
  readonly bestPractices: boolean;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly maxIssues: string;
}

// Inputs larger than this (uncompressed) are streamed rather than read whole.
const STREAM_THRESHOLD = 16 * 1024 * 1024;
// Show a progress bar for inputs larger than this, when stderr is a terminal.
const PROGRESS_THRESHOLD = 4 * 1024 * 1024;

function checksHelp(): string {
  const lines = [
    '',
    'Best-practice checks, numbered as in the OASIS stix2-validator (the STIX 2.1 set; STIX 2.0 names 214-222 *-label,',
    'adds 242 encryption-algo and has no 103, 143, 223-231, 245, 277, 303-306, 401):',
  ];
  for (const check of bestPracticeChecks['2.1'].values()) lines.push(`  ${check.number} ${check.name.padEnd(32)} ${check.description}`);
  return lines.join('\n');
}

export function registerValidate(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('validate STIX 2.0 / 2.1 bundles or objects (files, directories, .json.gz, or - for stdin)')
    .argument('[inputs...]', 'files, directories or - for standard input')
    .addOption(new Option('--version <version>', 'validate as this STIX version (default: detected per input)').choices(['2.0', '2.1']))
    .option('--strict', 'treat best-practice warnings as errors')
    .option('-e, --enable <checks>', 'comma-separated best-practice checks to run (numbers or names)')
    .option('-d, --disable <checks>', 'comma-separated best-practice checks to skip (numbers or names)')
    .option('--enforce-refs', 'every _ref/_refs must point at an object in the same input')
    .option('--strict-types', 'reject custom object types')
    .option('--strict-properties', 'reject custom properties')
    .option('--no-best-practices', 'run only structural and MUST checks')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'show errors only')
    .option('--max-issues <n>', 'issues shown per input in text output', '200')
    .addHelpText('after', checksHelp())
    .action(async (args: string[], flags: ValidateFlags) => setExitCode(await validateCommand(args, flags)));
}

function parseChecks(list: string | undefined): string[] | undefined {
  return list
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkNames(names: readonly string[] | undefined): void {
  const known = bestPracticeChecks['2.0'];
  const known21 = bestPracticeChecks['2.1'];
  for (const name of names ?? []) {
    const n = Number(name);
    const found = [...known.values(), ...known21.values()].some((c) => c.name === name || c.number === n);
    if (!found) throw new UsageError(`unknown best-practice check ${JSON.stringify(name)} (see taxiway validate --help)`);
  }
}

async function validateCommand(args: readonly string[], flags: ValidateFlags): Promise<number> {
  const maxIssues = Number(flags.maxIssues);
  if (!Number.isInteger(maxIssues) || maxIssues < 0) throw new UsageError('--max-issues takes a non-negative integer');
  const enable = parseChecks(flags.enable);
  const disable = parseChecks(flags.disable);
  checkNames(enable);
  checkNames(disable);
  let inputArgs = args;
  if (inputArgs.length === 0) {
    if (process.stdin.isTTY) throw new UsageError('no input: give files, directories, or - to read standard input');
    inputArgs = ['-'];
  }
  const options: ValidateOptions = {
    version: flags.version,
    strict: flags.strict,
    enable,
    disable,
    enforceRefs: flags.enforceRefs,
    strictTypes: flags.strictTypes,
    strictProperties: flags.strictProperties,
    bestPractices: flags.bestPractices,
  };
  const { inputs, errors } = await resolveInputs(inputArgs);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const reports: FileReport[] = [];
  for (const input of inputs) {
    let report: ValidationReport;
    try {
      report = await validateInput(input, options);
    } catch (error) {
      errors.push(`${input.name}: ${describeIoError(error)}`);
      continue;
    }
    const fileReport = { file: input.name, report };
    reports.push(fileReport);
    if (flags.format === 'text') process.stdout.write(renderText(fileReport, { color, quiet: flags.quiet ?? false, maxIssues }));
  }
  if (flags.format === 'json') process.stdout.write(renderJson(reports, errors));
  else if (reports.length > 1) process.stdout.write(renderTotal(reports, color));
  for (const e of errors) process.stderr.write(`taxiway: ${e}\n`);
  if (errors.length > 0) return ExitCode.Usage;
  return reports.every((r) => r.report.valid) ? ExitCode.Ok : ExitCode.Invalid;
}

async function validateInput(input: Input, options: ValidateOptions): Promise<ValidationReport> {
  const small = input.size !== undefined && !input.gzip && input.size < STREAM_THRESHOLD;
  if (small) return validate(await readAll(input.open()), options);
  const progress = input.size !== undefined && input.size > PROGRESS_THRESHOLD && process.stderr.isTTY ? startProgress(input) : undefined;
  const stream = input.open(progress?.onBytes);
  try {
    return await validateStream(stream, { ...options, onObject: progress?.onObject });
  } catch (error) {
    if (error instanceof StixError) return syntaxReport(error, options.version ?? '2.1');
    throw error;
  } finally {
    progress?.stop();
  }
}

/** A malformed JSON stream becomes an invalid report with one issue, as validate() does for text. */
function syntaxReport(error: StixError, version: StixVersion): ValidationReport {
  return {
    valid: false,
    version,
    objectCount: 0,
    errorCount: 1,
    warningCount: 0,
    issues: [{ severity: 'error', code: error.code, message: error.message, path: '' }],
  };
}

interface Progress {
  readonly onBytes: (bytes: number) => void;
  readonly onObject: (count: number) => void;
  stop(): void;
}

/** A progress bar on stderr: share of the input read, objects, and rate. */
function startProgress(input: Input): Progress {
  const total = input.size ?? 0;
  const bar = new SingleBar({
    stream: process.stderr,
    format: ' {bar} {percentage}% | {mb}/{totalMb} MB | {objects} objects | {rate} MB/s',
    hideCursor: true,
    clearOnComplete: true,
  });
  const start = Date.now();
  let read = 0;
  let objects = 0;
  let last = 0;
  const mb = (n: number) => (n / 1e6).toFixed(1);
  bar.start(total, 0, { mb: '0.0', totalMb: mb(total), objects: 0, rate: '0.0' });
  const redraw = () => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    bar.update(read, {
      mb: mb(read),
      totalMb: mb(total),
      objects: objects.toLocaleString('en-US'),
      rate: mb(read / Math.max((now - start) / 1000, 0.001)),
    });
  };
  return {
    onBytes(bytes) {
      read += bytes;
      redraw();
    },
    onObject(count) {
      objects = count;
      redraw();
    },
    stop() {
      bar.stop();
    },
  };
}
