/**
 * A deterministic, ATT&CK-shaped STIX bundle for tests and benchmarks: the proportions, sizes and
 * custom content (x-mitre-* types, x_mitre_* properties) of MITRE ATT&CK Enterprise, plus a few
 * indicators and observed-data for coverage. Seeded; no clock, no Math.random.
 */
import type { StixVersion } from '../issues.js';

export interface GenerateOptions {
  /** Number of objects in the bundle (default 25,000). */
  readonly objects?: number;
  readonly seed?: number;
  readonly version?: StixVersion;
}

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

const WORDS = (
  'adversary access credential dump process injection persistence registry service scheduled task command control channel ' +
  'exfiltration payload loader dropper beacon lateral movement discovery enumeration privilege escalation token impersonation ' +
  'defense evasion obfuscated script powershell macro phishing attachment spearphishing link network share remote desktop ' +
  'protocol tunnel proxy encrypted traffic domain fronting certificate signed binary proxy execution living off the land ' +
  'kernel driver rootkit bootkit firmware implant backdoor trojan ransomware wiper keylogger screenshot clipboard audio capture'
).split(' ');

const TACTICS =
  'reconnaissance resource-development initial-access execution persistence privilege-escalation defense-evasion credential-access discovery lateral-movement collection command-and-control exfiltration impact'.split(
    ' ',
  );
const PLATFORMS = [
  'Windows',
  'Linux',
  'macOS',
  'Network Devices',
  'Containers',
  'IaaS',
  'SaaS',
  'Office Suite',
  'Identity Provider',
  'ESXi',
];

class Generator {
  private readonly random: () => number;
  private readonly v21: boolean;
  readonly identity: string;
  readonly marking: string;

  constructor(seed: number, version: StixVersion) {
    this.random = prng(seed);
    this.v21 = version === '2.1';
    this.identity = this.uuid('identity');
    this.marking = this.uuid('marking-definition');
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
  /** A v4 UUID from the PRNG (deterministic). */
  uuid(type: string): string {
    return `${type}--${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(4)]}${this.hex(3)}-${this.hex(12)}`;
  }
  sentence(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.pick(WORDS));
    const s = out.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }
  text(sentences: number): string {
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) out.push(this.sentence(8 + this.int(14)));
    return out.join(' ');
  }
  timestamp(): string {
    const year = 2017 + this.int(9);
    const month = 1 + this.int(12);
    const day = 1 + this.int(28);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${year}-${p(month)}-${p(day)}T${p(this.int(24))}:${p(this.int(60))}:${p(this.int(60))}.${p(this.int(1000), 3)}Z`;
  }
  /** Common properties, with modified not before created. */
  common(type: string): Record<string, unknown> {
    const a = this.timestamp();
    const b = this.timestamp();
    const [created, modified] = a <= b ? [a, b] : [b, a];
    return {
      type,
      ...(this.v21 ? { spec_version: '2.1' } : {}),
      id: this.uuid(type),
      created,
      created_by_ref: this.identity,
      modified,
      object_marking_refs: [this.marking],
    };
  }
  references(n: number, attackId?: string): Record<string, unknown>[] {
    const refs: Record<string, unknown>[] = [];
    if (attackId) refs.push({ source_name: 'mitre-attack', url: `https://attack.mitre.org/techniques/${attackId}`, external_id: attackId });
    for (let i = 0; i < n; i++)
      refs.push({
        source_name: `${this.pick(WORDS)} ${this.pick(WORDS)} ${2015 + this.int(10)}`,
        description: `${this.sentence(6)} Retrieved ${2018 + this.int(7)}.`,
        url: `https://example.org/${this.pick(WORDS)}/${this.hex(10)}`,
      });
    return refs;
  }
  xMitre(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      x_mitre_version: `${1 + this.int(3)}.${this.int(3)}`,
      x_mitre_modified_by_ref: this.identity,
      x_mitre_domains: ['enterprise-attack'],
      x_mitre_attack_spec_version: '3.2.0',
      x_mitre_deprecated: false,
      ...extra,
    };
  }
}

type Make = (g: Generator, ids: Map<string, string[]>) => Record<string, unknown>;

const makers: Record<string, Make> = {
  'attack-pattern': (g) => {
    const id = `T${1000 + g.int(600)}`;
    return {
      ...g.common('attack-pattern'),
      name: g.sentence(3).slice(0, -1),
      description: g.text(10),
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: g.pick(TACTICS) }],
      external_references: g.references(4, id),
      ...g.xMitre({
        x_mitre_platforms: [g.pick(PLATFORMS), g.pick(PLATFORMS)],
        x_mitre_is_subtechnique: g.int(2) === 0,
        x_mitre_detection: g.text(2),
      }),
    };
  },
  malware: (g) => ({
    ...g.common('malware'),
    name: `${g.pick(WORDS)}${g.int(100)}`,
    description: g.text(5),
    external_references: g.references(3, `S${g.int(1000)}`),
    ...g.xMitre({ x_mitre_aliases: [g.pick(WORDS)], x_mitre_platforms: [g.pick(PLATFORMS)] }),
  }),
  tool: (g) => ({
    ...g.common('tool'),
    name: g.pick(WORDS),
    description: g.text(4),
    external_references: g.references(2, `S${g.int(1000)}`),
    ...g.xMitre(),
  }),
  'course-of-action': (g) => ({
    ...g.common('course-of-action'),
    name: g.sentence(3).slice(0, -1),
    description: g.text(7),
    external_references: g.references(2, `M${1000 + g.int(100)}`),
    ...g.xMitre(),
  }),
  'intrusion-set': (g) => ({
    ...g.common('intrusion-set'),
    name: `APT${g.int(50)}`,
    description: g.text(9),
    aliases: [g.pick(WORDS), g.pick(WORDS)],
    external_references: g.references(6, `G${g.int(1000)}`),
    ...g.xMitre(),
  }),
  campaign: (g) => {
    const a = g.timestamp();
    const b = g.timestamp();
    return {
      ...g.common('campaign'),
      name: g.sentence(2).slice(0, -1),
      description: g.text(8),
      aliases: [g.pick(WORDS)],
      // Timestamps of one layout order as text.
      first_seen: a < b ? a : b,
      last_seen: a < b ? b : a,
      external_references: g.references(5, `C${g.int(100)}`),
      ...g.xMitre({ x_mitre_first_seen_citation: '(Citation: x)', x_mitre_last_seen_citation: '(Citation: y)' }),
    };
  },
  relationship: (g, ids) => {
    const sources = ids.get('intrusion-set') ?? [];
    const targets = ids.get('attack-pattern') ?? [];
    return {
      ...g.common('relationship'),
      relationship_type: 'uses',
      description: `${g.text(6)} (Citation: ${g.pick(WORDS)})`,
      source_ref: sources.length ? g.pick(sources) : g.uuid('intrusion-set'),
      target_ref: targets.length ? g.pick(targets) : g.uuid('attack-pattern'),
      external_references: g.references(2),
      ...g.xMitre(),
    };
  },
  'x-mitre-analytic': (g) => ({
    ...g.common('x-mitre-analytic'),
    name: `Analytic ${g.int(9999)}`,
    description: g.text(3),
    external_references: g.references(0, `AN${g.int(9999)}`),
    ...g.xMitre({
      x_mitre_platforms: [g.pick(PLATFORMS)],
      x_mitre_log_source_references: [
        { x_mitre_data_component_ref: g.uuid('x-mitre-data-component'), name: 'WinEventLog:Security', channel: 'EventCode=4688' },
      ],
    }),
  }),
  'x-mitre-detection-strategy': (g) => ({
    ...g.common('x-mitre-detection-strategy'),
    name: g.sentence(4).slice(0, -1),
    ...g.xMitre({ x_mitre_analytic_refs: [g.uuid('x-mitre-analytic')] }),
  }),
  'x-mitre-data-component': (g) => ({
    ...g.common('x-mitre-data-component'),
    name: g.sentence(2).slice(0, -1),
    description: g.text(12),
    ...g.xMitre(),
  }),
  'x-mitre-data-source': (g) => ({
    ...g.common('x-mitre-data-source'),
    name: g.pick(WORDS),
    description: g.text(3),
    ...g.xMitre({ x_mitre_collection_layers: ['Host'] }),
  }),
  'x-mitre-tactic': (g) => ({
    ...g.common('x-mitre-tactic'),
    name: g.pick(TACTICS),
    description: g.text(2),
    x_mitre_shortname: g.pick(TACTICS),
    ...g.xMitre(),
  }),
  indicator: (g) => {
    const octet = () => g.int(256);
    return {
      ...g.common('indicator'),
      name: `Indicator ${g.int(9999)}`,
      description: g.text(1),
      pattern: `[ipv4-addr:value = '198.51.${octet()}.${octet()}']`,
      valid_from: g.timestamp(),
    };
  },
};

// Shares of MITRE ATT&CK Enterprise v18 (per 10,000 objects); the rest are relationships.
const MIX: ReadonlyArray<[string, number]> = [
  ['attack-pattern', 337],
  ['malware', 281],
  ['tool', 37],
  ['course-of-action', 108],
  ['intrusion-set', 75],
  ['campaign', 21],
  ['x-mitre-analytic', 702],
  ['x-mitre-detection-strategy', 279],
  ['x-mitre-data-component', 44],
  ['x-mitre-data-source', 15],
  ['x-mitre-tactic', 6],
  ['indicator', 100],
  ['observed-data', 100],
];

function observedData(g: Generator, v21: boolean, out: Record<string, unknown>[]): void {
  const ip = `203.0.113.${g.int(256)}`;
  const first = g.timestamp();
  const base = { ...g.common('observed-data'), first_observed: first, last_observed: first, number_observed: 1 + g.int(50) };
  if (!v21) {
    out.push({
      ...base,
      objects: {
        '0': { type: 'ipv4-addr', value: ip },
        '1': { type: 'network-traffic', dst_ref: '0', dst_port: 443, src_port: 49152 + g.int(1000), protocols: ['ipv4', 'tcp'] },
        '2': { type: 'file', name: `${g.pick(WORDS)}.exe`, hashes: { 'SHA-256': g.hex(64) } },
      },
    });
    return;
  }
  // 2.1: top-level SCOs referenced from object_refs (ids are random v4-shaped here: content varies).
  const ipv4 = { type: 'ipv4-addr', spec_version: '2.1', id: g.uuid('ipv4-addr'), value: ip };
  const traffic = {
    type: 'network-traffic',
    spec_version: '2.1',
    id: g.uuid('network-traffic'),
    dst_ref: ipv4.id,
    dst_port: 443,
    src_port: 49152 + g.int(1000),
    protocols: ['ipv4', 'tcp'],
  };
  const file = { type: 'file', spec_version: '2.1', id: g.uuid('file'), name: `${g.pick(WORDS)}.exe`, hashes: { 'SHA-256': g.hex(64) } };
  out.push(ipv4, traffic, file, { ...base, object_refs: [ipv4.id, traffic.id, file.id] });
}

/** Generates the bundle as a plain object. */
export function generateBundle(options: GenerateOptions = {}): Record<string, unknown> {
  const total = options.objects ?? 25_000;
  const version = options.version ?? '2.1';
  const v21 = version === '2.1';
  const g = new Generator(options.seed ?? 1, version);
  const objects: Record<string, unknown>[] = [
    {
      type: 'identity',
      ...(v21 ? { spec_version: '2.1' } : {}),
      id: g.identity,
      created: '2017-06-01T00:00:00.000Z',
      modified: '2017-06-01T00:00:00.000Z',
      name: 'The MITRE Corporation',
      identity_class: 'organization',
    },
    {
      type: 'marking-definition',
      ...(v21 ? { spec_version: '2.1' } : {}),
      id: g.marking,
      created: '2017-06-01T00:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 'Copyright 2015-2025, The MITRE Corporation.' },
    },
  ];
  const ids = new Map<string, string[]>();
  for (const [type, share] of MIX) {
    const n = Math.max(1, Math.round((total * share) / 10_000));
    for (let i = 0; i < n && objects.length < total; i++) {
      if (type === 'observed-data') {
        observedData(g, v21, objects);
        continue;
      }
      const o = makers[type](g, ids);
      if (type === 'malware') Object.assign(o, v21 ? { is_family: true } : { labels: ['malware'] });
      if (type === 'tool' && !v21) Object.assign(o, { labels: ['tool'] });
      if (type === 'indicator')
        Object.assign(o, v21 ? { pattern_type: 'stix', indicator_types: ['malicious-activity'] } : { labels: ['malicious-activity'] });
      objects.push(o);
      const list = ids.get(type) ?? [];
      list.push(o.id as string);
      ids.set(type, list);
    }
  }
  while (objects.length < total) objects.push(makers.relationship(g, ids));
  objects.length = total;
  return { type: 'bundle', id: g.uuid('bundle'), ...(v21 ? {} : { spec_version: '2.0' }), objects };
}

/** The bundle as compact JSON text. */
export function generateBundleText(options: GenerateOptions = {}): string {
  return JSON.stringify(generateBundle(options));
}
