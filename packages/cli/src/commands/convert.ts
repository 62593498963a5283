/**
 * `taxiway convert --to 2.0|2.1 IN [OUT]`: STIX 2.0 ⇄ 2.1 conversion of a file, a directory
 * (recursively; OUT then mirrors the tree) or standard input. Converted content goes to OUT or
 * stdout; the summary of changes goes to stderr.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ConversionReport, type ConvertOptions, convert, StixError, type StixVersion, validate } from '@taxiway/stix';
import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { describeIoError, type Input, readAll, resolveInputs } from '../input.js';

interface ConvertFlags {
  readonly to: StixVersion;
  readonly from?: StixVersion;
  readonly customObjects: 'drop' | 'custom';
  readonly keepRemoved?: boolean;
  readonly pretty?: boolean;
  readonly validate?: boolean;
  readonly report?: string;
  readonly format: 'text' | 'json';
}

interface FileResult {
  readonly input: string;
  readonly output: string;
  readonly report?: ConversionReport;
  readonly errors?: readonly string[];
}

export function registerConvert(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('convert')
    .description('convert STIX 2.0 content to 2.1 or back (a file, a directory, .json.gz, or - for stdin)')
    .argument('<input>', 'a file, a directory (converted recursively), or - for standard input')
    .argument('[output]', 'a file (.gz: compressed) or, for a directory input, a directory; default: standard output')
    .addOption(new Option('--to <version>', 'the version to convert to').choices(['2.0', '2.1']).makeOptionMandatory())
    .addOption(new Option('--from <version>', 'the version of the input (default: detected)').choices(['2.0', '2.1']))
    .addOption(
      new Option('--custom-objects <mode>', '2.1-only objects in 2.0: drop them, or carry them as x-stix21-* objects')
        .choices(['drop', 'custom'])
        .default('drop'),
    )
    .option('--keep-removed', 'carry properties with no counterpart as x_stix20_* / x_stix21_* custom properties')
    .option('--pretty', 'indent the output JSON')
    .option('--validate', 'validate the output; exit 1 when it has errors')
    .option('--report <file>', 'write the full report of changes as JSON')
    .addOption(new Option('--format <format>', 'summary format (on stderr)').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nThe summary (changes by kind) goes to stderr. Exit codes: 0 ok, 1 invalid input or --validate found errors, 2 usage or I/O error.',
    )
    .action(async (input: string, output: string | undefined, flags: ConvertFlags) =>
      setExitCode(await convertCommand(input, output, flags)),
    );
}

async function convertCommand(inputArg: string, outputArg: string | undefined, flags: ConvertFlags): Promise<number> {
  const isDir = inputArg !== '-' && (await stat(inputArg).catch(() => undefined))?.isDirectory() === true;
  if (isDir && outputArg === undefined) throw new UsageError('a directory input needs an output directory');
  const { inputs, errors } = await resolveInputs([inputArg]);
  for (const e of errors) process.stderr.write(`taxiway: ${e}\n`);
  if (errors.length > 0) return ExitCode.Usage;
  const options: ConvertOptions = {
    to: flags.to,
    from: flags.from,
    customObjects: flags.customObjects,
    keepRemovedAsCustom: flags.keepRemoved ?? false,
  };
  const results: FileResult[] = [];
  let code: number = ExitCode.Ok;
  for (const input of inputs) {
    const output = outputArg === undefined ? '-' : isDir ? join(outputArg, relative(inputArg, input.name)) : outputArg;
    try {
      const result = await convertOne(input, output, options, flags);
      results.push(result);
      if (result.errors) code = Math.max(code, ExitCode.Invalid);
    } catch (error) {
      process.stderr.write(`taxiway: ${input.name}: ${describeIoError(error)}\n`);
      return ExitCode.Usage;
    }
  }
  if (flags.format === 'json') process.stderr.write(`${JSON.stringify({ files: results.map(summary) }, null, 2)}\n`);
  else for (const r of results) process.stderr.write(renderSummary(r));
  if (flags.report !== undefined) {
    try {
      await writeFile(flags.report, `${JSON.stringify({ files: results }, null, 2)}\n`);
    } catch (error) {
      process.stderr.write(`taxiway: ${flags.report}: ${describeIoError(error)}\n`);
      return ExitCode.Usage;
    }
  }
  return code;
}

async function convertOne(input: Input, output: string, options: ConvertOptions, flags: ConvertFlags): Promise<FileResult> {
  const text = (await readAll(input.open())).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { input: input.name, output, errors: [`not well-formed JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  let result: ReturnType<typeof convert>;
  try {
    result = convert(value, options);
  } catch (error) {
    if (error instanceof StixError) return { input: input.name, output, errors: [error.message] };
    throw error;
  }
  const content = result.shape === 'bundle' ? result.bundle : result.objects;
  if (flags.validate) {
    const check = validate(content, { version: options.to, bestPractices: false });
    if (!check.valid) {
      const errors = check.issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message} [${i.code}]`);
      return { input: input.name, output, report: result.report, errors };
    }
  }
  const json = `${JSON.stringify(content, null, flags.pretty ? 2 : undefined)}\n`;
  if (output === '-') process.stdout.write(json);
  else {
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, output.endsWith('.gz') ? gzipSync(json) : json);
  }
  return { input: input.name, output, report: result.report };
}

function summary(r: FileResult) {
  const report = r.report;
  return {
    input: r.input,
    output: r.output,
    ...(report
      ? { from: report.from, to: report.to, inputObjects: report.inputObjects, outputObjects: report.outputObjects, counts: report.counts }
      : {}),
    ...(r.errors ? { errors: r.errors } : {}),
  };
}

function renderSummary(r: FileResult): string {
  const lines: string[] = [];
  const report = r.report;
  if (report) {
    const kinds = Object.entries(report.counts).sort(([a], [b]) => a.localeCompare(b));
    const total = kinds.reduce((n, [, c]) => n + (c ?? 0), 0);
    lines.push(
      `${r.input}: STIX ${report.from} → ${report.to}, ${report.inputObjects} → ${report.outputObjects} objects, ${total} change${total === 1 ? '' : 's'}`,
    );
    for (const [kind, count] of kinds) lines.push(`  ${kind.padEnd(20)} ${count}`);
  }
  for (const e of r.errors ?? []) lines.push(`${r.input}: error: ${e}`);
  if (r.errors && report) lines.push(`${r.input}: the converted output is invalid; nothing written`);
  return `${lines.join('\n')}\n`;
}
