/** One line for a failed TAXII exchange: what failed, the server's own words, and a hint. */
import { TaxiiClientError } from '@taxiway/taxii-client';

const HINTS: Partial<Record<number, string>> = {
  401: 'give credentials: --user with TAXIWAY_PASSWORD, --token / TAXIWAY_TOKEN, or the client config',
  403: 'these credentials may not do this here',
  404: 'check the URL (an API root URL ends with /, e.g. https://host/api1/)',
  406: 'the server does not speak this TAXII version (try --taxii-version)',
  413: 'the request is larger than the API root accepts',
};

export function describeRemoteError(error: unknown): string {
  if (!(error instanceof TaxiiClientError)) return error instanceof Error ? error.message : String(error);
  const parts = [error.message];
  const t = error.taxiiError;
  if (t !== undefined) {
    const said = [t.title, t.description].filter((s) => s !== undefined && s !== '' && !error.message.includes(s)).join(': ');
    if (said !== '') parts.push(`the server says: ${said}`);
  }
  const hint = error.status === undefined ? undefined : HINTS[error.status];
  if (hint !== undefined) parts.push(`(${hint})`);
  return parts.join(' — ');
}
