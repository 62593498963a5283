/**
 * Smaller registries behind best practices 273–276 (warnings only).
 */

/** HTTP request header field names (IANA Message Headers registry, request fields); case-insensitive. Check 274. */
const HTTP_REQUEST_HEADERS: ReadonlySet<string> = new Set(
  (
    'a-im accept accept-charset accept-datetime accept-encoding accept-language access-control-request-method ' +
    'access-control-request-headers authorization cache-control connection content-encoding content-length content-md5 ' +
    'content-type cookie date dnt expect forwarded from front-end-https host http2-settings if-match if-modified-since ' +
    'if-none-match if-range if-unmodified-since max-forwards origin pragma prefer proxy-authorization proxy-connection range ' +
    'referer save-data sec-fetch-dest sec-fetch-mode sec-fetch-site sec-fetch-user te trailer transfer-encoding upgrade ' +
    'upgrade-insecure-requests user-agent via warning x-att-deviceid x-correlation-id x-csrf-token x-forwarded-for ' +
    'x-forwarded-host x-forwarded-proto x-http-method-override x-request-id x-requested-with x-uidh x-wap-profile keep-alive'
  ).split(' '),
);

export function isHttpRequestHeader(name: string): boolean {
  return HTTP_REQUEST_HEADERS.has(name.toLowerCase());
}

/** PDF document information dictionary keys (ISO 32000-1 §14.3.3). Check 276. */
const PDF_DOC_INFO: ReadonlySet<string> = new Set([
  'Title',
  'Author',
  'Subject',
  'Keywords',
  'Creator',
  'Producer',
  'CreationDate',
  'ModDate',
  'Trapped',
]);

export function isPdfDocInfoKey(name: string): boolean {
  return PDF_DOC_INFO.has(name);
}

/**
 * socket-ext `options` keys (2.1 §6.12.4: the socket options of the operating system's socket API,
 * "SO_*", "IP_*", "IPV6_*", "TCP_*", "MCAST_*" names in upper case). Check 275.
 */
const SOCKET_OPTION = /^(?:SO|ICMP|IP|IPV6|MCAST|TCP|IRLMP)_[A-Z0-9_]+$/;

export function isSocketOption(name: string): boolean {
  return SOCKET_OPTION.test(name);
}

/**
 * IPFIX information element names (IANA IPFIX registry): lowerCamelCase names such as
 * `minimumIpTotalLength`, `octetDeltaCount`. The registry's ~500 names are checked by form plus
 * a list of the common ones: a name of the right form that we do not list is accepted, since
 * check 273 is advisory and new elements are registered often.
 */
const IPFIX_FORM = /^[a-z][a-zA-Z0-9]*$/;

export function isIpfixElementName(name: string): boolean {
  return IPFIX_FORM.test(name);
}
