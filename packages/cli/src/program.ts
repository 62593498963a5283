/**
 * The `taxiway` command line: a thin layer over the Taxiway libraries. Data goes to stdout;
 * progress, warnings and errors to stderr.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerConvert } from './commands/convert.js';
import { registerDiscover } from './commands/discover.js';
import { registerPattern } from './commands/pattern.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';
import { registerValidate } from './commands/validate.js';
import { ExitCode, UsageError } from './exit-codes.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

export async function run(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command()
    .name('taxiway')
    .description('STIX 2.0 / 2.1 and TAXII toolkit')
    .version(version)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', '\nExit codes: 0 ok, 1 the input is invalid, 2 usage or I/O error.');
  registerValidate(program, (code) => {
    exitCode = code;
  });
  registerConvert(program, (code) => (exitCode = code));
  registerPattern(program, (code) => (exitCode = code));
  registerServe(program, (code) => (exitCode = code));
  registerDiscover(program, (code) => (exitCode = code));
  registerPull(program, (code) => (exitCode = code));
  registerPush(program, (code) => (exitCode = code));
  registerSync(program, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`taxiway: ${error.message}\n`);
      return ExitCode.Usage;
    }
    process.stderr.write(`taxiway: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Usage;
  }
  return exitCode;
}
