/**
 * `User-Agent: taxiway-taxii-client/<version>` (TAXII 2.1 §8.5.1: clients SHOULD name themselves
 * and their version). The version is read from this package's package.json, which sits one
 * directory above both src/ and dist/.
 */
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    // A bundler that dropped package.json: the client still works, under an honest "unknown".
    return 'unknown';
  }
}

export const CLIENT_VERSION = packageVersion();
export const USER_AGENT = `taxiway-taxii-client/${CLIENT_VERSION}`;
