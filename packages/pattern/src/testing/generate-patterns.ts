/**
 * Deterministic, realistic STIX patterns and observed-data for tests and benchmarks: what
 * indicator feeds carry (file hashes, IPv4/IPv6 addresses and CIDR blocks, URLs with LIKE, domain
 * names, email senders, registry keys, multi-observation FOLLOWEDBY / WITHIN / REPEATS), and
 * observed-data in the STIX 2.1 shape (SCOs beside observed-data with object_refs) or the 2.0 shape
 * (objects containers). Seeded; no clock, no Math.random.
 */

/** mulberry32: a small, fast, seedable PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'.split(' ');
const TLDS = ['com', 'net', 'org', 'info', 'biz', 'ru', 'cn', 'io'];

class Source {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.int(16)];
    return s;
  }
  /** A small pool so that generated observations hit generated patterns now and then. */
  ipv4(): string {
    return `198.51.${this.int(4)}.${this.int(256)}`;
  }
  ipv6(): string {
    return `2001:db8:${this.int(16).toString(16)}::${this.int(65536).toString(16)}`;
  }
  domain(): string {
    return `${this.pick(WORDS)}-${this.int(50)}.${this.pick(TLDS)}`;
  }
  md5(): string {
    // A pool of 4,096 hashes: realistic collisions between indicators and sightings.
    return (this.int(4096).toString(16).padStart(4, '0') + 'f'.repeat(28)).slice(0, 32);
  }
  sha256(): string {
    return this.hex(64);
  }
}

/** `count` patterns, the mix a feed carries: mostly single comparisons, some compound and multi-observation. */
export function generatePatterns(count: number, seed = 1): string[] {
  const s = new Source(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = s.int(100);
    if (k < 25) out.push(`[file:hashes.MD5 = '${s.md5()}']`);
    else if (k < 35) out.push(`[file:hashes.'SHA-256' = '${s.sha256()}' OR file:hashes.MD5 = '${s.md5()}']`);
    else if (k < 50) out.push(`[ipv4-addr:value = '${s.ipv4()}']`);
    else if (k < 57) out.push(`[ipv4-addr:value ISSUBSET '198.51.${s.int(4)}.0/24']`);
    else if (k < 60) out.push(`[ipv6-addr:value ISSUBSET '2001:db8:${s.int(16).toString(16)}::/48']`);
    else if (k < 72) out.push(`[domain-name:value = '${s.domain()}']`);
    else if (k < 80) out.push(`[url:value LIKE 'http%://${s.domain()}/%']`);
    else if (k < 84) out.push(`[email-message:from_ref.value = 'admin@${s.domain()}' AND email-message:subject LIKE '%invoice%']`);
    else if (k < 87)
      out.push(`[network-traffic:dst_ref.value = '${s.ipv4()}' AND network-traffic:dst_port = ${s.pick([22, 80, 443, 445, 3389])}]`);
    else if (k < 90) out.push(`[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\${s.pick(WORDS)}\\\\Run']`);
    else if (k < 94)
      out.push(
        `([ipv4-addr:value = '${s.ipv4()}'] FOLLOWEDBY [domain-name:value = '${s.domain()}']) WITHIN ${60 * (1 + s.int(10))} SECONDS`,
      );
    else if (k < 97) out.push(`[file:hashes.MD5 = '${s.md5()}'] REPEATS ${2 + s.int(3)} TIMES WITHIN 3600 SECONDS`);
    else
      out.push(
        `[process:command_line MATCHES '^powershell(\\\\.exe)? -enc [A-Za-z0-9+/=]{20,}'] AND [file:name = '${s.pick(WORDS)}.exe'] START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z'`,
      );
  }
  return out;
}

export interface GeneratedObservations {
  /** Observed-data objects, and for 2.1 the SCOs they reference, in one list (a bundle's objects). */
  readonly objects: readonly Record<string, unknown>[];
  readonly observedData: number;
}

const uuid = (s: Source): string => `${s.hex(8)}-${s.hex(4)}-4${s.hex(3)}-8${s.hex(3)}-${s.hex(12)}`;

/** `count` observed-data objects, one or two observables each, timestamps spread over 2024. */
export function generateObservations(count: number, options: { seed?: number; version?: '2.0' | '2.1' } = {}): GeneratedObservations {
  const s = new Source(options.seed ?? 2);
  const v21 = (options.version ?? '2.1') === '2.1';
  const objects: Record<string, unknown>[] = [];
  const base = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const first = new Date(base + s.int(365 * 86400) * 1000);
    const last = new Date(first.getTime() + s.int(600) * 1000);
    const observables: Record<string, unknown>[] = [];
    const k = s.int(10);
    if (k < 3) observables.push({ type: 'file', name: `${s.pick(WORDS)}.exe`, hashes: { MD5: s.md5() } });
    else if (k < 6) observables.push({ type: 'ipv4-addr', value: s.ipv4() });
    else if (k < 7) observables.push({ type: 'ipv6-addr', value: s.ipv6() });
    else if (k < 8) observables.push({ type: 'domain-name', value: s.domain() });
    else if (k < 9) observables.push({ type: 'url', value: `https://${s.domain()}/${s.pick(WORDS)}/index.php` });
    else {
      observables.push({ type: 'ipv4-addr', value: s.ipv4() });
      observables.push({ type: 'network-traffic', dst_ref: '0', dst_port: s.pick([22, 80, 443, 445, 3389]), protocols: ['tcp'] });
    }
    const common = {
      type: 'observed-data',
      id: `observed-data--${uuid(s)}`,
      created: first.toISOString(),
      modified: first.toISOString(),
      first_observed: first.toISOString(),
      last_observed: last.toISOString(),
      number_observed: 1 + s.int(3),
    };
    if (!v21) {
      objects.push({ ...common, objects: Object.fromEntries(observables.map((o, j) => [String(j), o])) });
      continue;
    }
    const ids = observables.map((o) => `${o.type as string}--${uuid(s)}`);
    observables.forEach((o, j) => {
      const sco: Record<string, unknown> = { ...o, id: ids[j], spec_version: '2.1' };
      if (typeof sco.dst_ref === 'string') sco.dst_ref = ids[Number(sco.dst_ref)];
      objects.push(sco);
    });
    objects.push({ ...common, spec_version: '2.1', object_refs: ids });
  }
  return { objects, observedData: count };
}
