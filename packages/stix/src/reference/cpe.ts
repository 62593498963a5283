/**
 * CPE 2.3 formatted string binding (NISTIR 7695 §6.2): `cpe:2.3:` then part, vendor, product,
 * version, update, edition, language, sw_edition, target_sw, target_hw, other — 11 components
 * separated by unescaped colons. Used by the MUST cpe_check (software `cpe`, 2.1 §6.14).
 * Scans each character once: linear time.
 */

const UNRESERVED = /[A-Za-z0-9._-]/;
const PUNCT = '\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~-.';

/** Splits on colons not escaped by a backslash; undefined if a trailing backslash dangles. */
function splitComponents(value: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      if (i + 1 >= value.length) return undefined;
      i++;
    } else if (c === ':') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** avstring = "*" / "-" / ( ["*" / 1*"?"] 1*(unreserved / "\" punct) ["*" / 1*"?"] ) */
function isAvString(s: string): boolean {
  if (s === '*' || s === '-') return true;
  let i = 0;
  const n = s.length;
  if (s[i] === '*') i++;
  else while (i < n && s[i] === '?') i++;
  let body = 0;
  while (i < n) {
    const c = s[i];
    if (c === '\\') {
      if (i + 1 >= n || !PUNCT.includes(s[i + 1])) return false;
      i += 2;
      body++;
    } else if (UNRESERVED.test(c)) {
      i++;
      body++;
    } else break;
  }
  if (body === 0) return false;
  if (i < n && s[i] === '*') i++;
  else while (i < n && s[i] === '?') i++;
  return i === n;
}

// language component: RFC 5646 language with optional region, or a logical value.
const LANGUAGE = /^(?:[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?|\*|-)$/;

export function isCpe23(value: string): boolean {
  if (!value.startsWith('cpe:2.3:')) return false;
  const parts = splitComponents(value);
  if (parts?.length !== 13) return false;
  if (!/^[aoh*-]$/.test(parts[2])) return false;
  for (let i = 3; i < 13; i++) {
    if (i === 8) {
      if (!LANGUAGE.test(parts[i])) return false;
    } else if (!isAvString(parts[i])) return false;
  }
  return true;
}
