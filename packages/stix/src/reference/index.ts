/** The offline reference lists validation uses (internal to the package). */
export { isCharset } from './charsets.js';
export { isCountryCode } from './countries.js';
export { isCpe23 } from './cpe.js';
export { isLanguageTag } from './languages.js';
export { isMediaType, isMediaTypeSyntax } from './media-types.js';
export { isHttpRequestHeader, isIpfixElementName, isPdfDocInfoKey, isSocketOption } from './misc-registries.js';
export { isServiceName } from './service-names.js';
