/**
 * `taxiway serve --config taxiway.yaml | --demo`: runs the TAXII 2.1 server of
 * @taxiway/taxii-server until SIGINT / SIGTERM. `taxiway hash-password`: the scrypt hash for a
 * config's `password_hash` (or, with --token, the `token_hash` of a bearer token).
 *
 * The server package is imported when one of these commands runs, not when the CLI starts: the
 * other commands do not load Fastify and the database drivers.
 */
import { readFile } from 'node:fs/promises';
import type { ServerConfig } from '@taxiway/taxii-server';
import type { Command } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { readAll } from '../input.js';

interface ServeFlags {
  readonly config?: string;
  readonly demo?: boolean;
  readonly seed?: string;
  readonly host?: string;
  readonly port?: string;
  readonly logLevel: string;
}

export function registerServe(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description('run the TAXII 2.1 server (--config FILE, or --demo for a ready-made one)')
    .option('-c, --config <file>', 'configuration file (YAML or JSON)')
    .option('--demo', 'a demo server: SQLite in ./taxiway-demo.db, a generated password shown once')
    .option('--seed <file>', 'with --demo: POST the STIX 2.1 objects of this bundle into the demo collection at start')
    .option('--host <host>', 'listen on this address (overrides the configuration and TAXIWAY_HOST)')
    .option('--port <port>', 'listen on this port (overrides the configuration and TAXIWAY_PORT)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace', process.env.TAXIWAY_LOG_LEVEL ?? 'info')
    .addHelpText(
      'after',
      '\nEnvironment: TAXIWAY_HOST, TAXIWAY_PORT, TAXIWAY_DATABASE_URL (PostgreSQL), TAXIWAY_SQLITE_PATH override the file.\nLogs (JSON lines) go to stderr. Exit codes: 0 stopped by a signal, 1 invalid configuration, 2 usage or I/O error.',
    )
    .action(async (flags: ServeFlags) => setExitCode(await serveCommand(flags)));

  program
    .command('hash-password')
    .description('print the scrypt hash of a password (read from standard input, or prompted) for users[].password_hash')
    .option('--token', 'hash a bearer token instead (for tokens[].token_hash)')
    .action(async (flags: { token?: boolean }) => setExitCode(await hashPasswordCommand(flags)));
}

async function serveCommand(flags: ServeFlags): Promise<number> {
  if ((flags.config === undefined) === (flags.demo !== true)) throw new UsageError('give either --config <file> or --demo');
  let port: number | undefined;
  if (flags.port !== undefined) {
    port = /^\d{1,5}$/.test(flags.port) ? Number(flags.port) : Number.NaN;
    if (!(port <= 65535)) throw new UsageError(`--port: ${JSON.stringify(flags.port)} is not a port number`);
  }
  const server = await import('@taxiway/taxii-server');
  let config: ServerConfig;
  let banner: ((url: string) => string) | undefined;
  let credentials: string | undefined;
  try {
    if (flags.demo) {
      const demo = await server.createDemo(process.env.TAXIWAY_SQLITE_PATH ? { databasePath: process.env.TAXIWAY_SQLITE_PATH } : {});
      config = server.applyEnvironment(demo.config, process.env);
      banner = demo.banner;
      credentials = `Basic ${Buffer.from(`${demo.username}:${demo.password}`).toString('base64')}`;
    } else config = await server.loadConfig(flags.config as string);
    const listen = { ...config.listen, ...(flags.host !== undefined ? { host: flags.host } : {}), ...(port !== undefined ? { port } : {}) };
    config = { ...config, listen };
    const app = await server.createServer(config, { logger: { level: flags.logLevel, stream: process.stderr } });
    const address = await app.listen({ host: listen.host ?? '127.0.0.1', port: listen.port ?? 8080 });
    if (flags.seed !== undefined && credentials !== undefined) await seed(app, flags.seed, credentials);
    if (banner) process.stderr.write(`\n${banner(address.replace('://[::1]', '://localhost'))}\n`);
    else process.stderr.write(`taxiway: TAXII 2.1 discovery at ${address}/taxii2/\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stderr.write('taxiway: stopping\n');
    await app.close();
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof server.ConfigError) {
      process.stderr.write(`taxiway: ${error.message}\n`);
      return ExitCode.Invalid;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'ENOENT') {
      process.stderr.write(`taxiway: ${(error as Error).message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }
}

/**
 * Adds the objects of a bundle to the demo's `intel` collection through the server's own POST
 * endpoint (so they are validated like any client's); the same objects again are no-ops.
 */
async function seed(
  app: { inject: (request: object) => Promise<{ statusCode: number; body: string }> },
  file: string,
  authorization: string,
) {
  let objects: unknown;
  try {
    objects = (JSON.parse(await readFile(file, 'utf8')) as { objects?: unknown }).objects;
  } catch (error) {
    throw new UsageError(`--seed ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(objects) || objects.length === 0) throw new UsageError(`--seed ${file}: not a bundle with objects`);
  const media = 'application/taxii+json;version=2.1';
  const response = await app.inject({
    method: 'POST',
    url: '/demo/collections/intel/objects/',
    headers: { accept: media, 'content-type': media, authorization },
    payload: JSON.stringify({ objects }),
  });
  const status = JSON.parse(response.body) as { success_count?: number; failure_count?: number };
  process.stderr.write(
    `taxiway: seeded the intel collection from ${file}: ${status.success_count ?? 0} stored or already there, ${status.failure_count ?? 0} refused\n`,
  );
}

/** A line from the terminal without echo. */
async function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let line = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (chunk: string) => {
        for (const c of chunk) {
          if (c === '\r' || c === '\n' || c === '\u0004') {
            stdin.off('data', onData);
            return resolve(line);
          }
          if (c === '\u0003') {
            stdin.off('data', onData);
            return reject(new UsageError('cancelled'));
          }
          if (c === '\u007f' || c === '\b') line = line.slice(0, -1);
          else line += c;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

async function hashPasswordCommand(flags: { token?: boolean }): Promise<number> {
  const what = flags.token ? 'token' : 'password';
  let secret: string;
  if (process.stdin.isTTY) {
    secret = await prompt(`${what}: `);
    if (!flags.token && (await prompt(`${what} again: `)) !== secret) throw new UsageError('the two passwords differ');
  } else secret = (await readAll(process.stdin)).toString('utf8').replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(`no ${what} given`);
  const { hashPassword, hashToken } = await import('@taxiway/taxii-server');
  process.stdout.write(`${flags.token ? hashToken(secret) : await hashPassword(secret)}\n`);
  return ExitCode.Ok;
}
