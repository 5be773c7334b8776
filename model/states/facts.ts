// The facts a finding rests on, fingerprinted: a state (vérifié, justifié) is set on the facts of
// its finding's subjects at that time, and reopens when they change (docs/etats.md). Each rule
// names the facts it reads (`Rule.facts`); a change elsewhere (a mechanism's name, an unrelated
// link) leaves the state as it was.
import { canonicalJson } from '../canonical.ts';
import type { ArticulationModel } from '../graph.ts';
import type { Mechanism, Person, StoredLink } from '../schema.ts';
import { fnv1a } from '../random.ts';
import { LINK_KIND_LABELS, LINK_KINDS, type LinkKind } from '../vocabulary.ts';

/** What a rule may rest on, per subject: a mechanism's fields, a person's, a link's. */
export const FACT_KEYS = [
  'territory',
  'status',
  'dates',
  'links',
  'governance',
  'coordinators',
  'themes',
  'objectives',
  'mentalHealthComponent',
  'priorities',
  'person',
  'link',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
/** A fact; `links:avis` counts only the links of one kind. */
export type Fact = FactKey | `links:${LinkKind}`;

/** How a message names each fact (with its article; `plural` for the verb). */
const FACT_WORDS: Record<FactKey, { words: string; plural: boolean }> = {
  territory: { words: 'le territoire', plural: false },
  status: { words: 'le statut', plural: false },
  dates: { words: 'les dates', plural: true },
  links: { words: 'les liens', plural: true },
  governance: { words: 'la gouvernance', plural: false },
  coordinators: { words: 'la coordination', plural: false },
  themes: { words: 'les thèmes', plural: true },
  objectives: { words: 'les objectifs', plural: true },
  mentalHealthComponent: { words: 'le volet santé mentale', plural: false },
  priorities: { words: 'les priorités', plural: true },
  person: { words: 'la formation', plural: false },
  link: { words: 'le lien', plural: false },
};

export function isFact(value: string): value is Fact {
  if ((FACT_KEYS as readonly string[]).includes(value)) return true;
  return value.startsWith('links:') && (LINK_KINDS as readonly string[]).includes(value.slice('links:'.length));
}

/** The French words of a fact: « le territoire », « les liens « Avis » ». */
export function factWords(fact: Fact): { words: string; plural: boolean } {
  if (fact.startsWith('links:')) return { words: `les liens « ${LINK_KIND_LABELS[fact.slice(6) as LinkKind]} »`, plural: true };
  return FACT_WORDS[fact as FactKey];
}

/** Where the facts are read from: the model of the state the finding was computed on. */
export interface FactSource {
  mechanism(id: string): Mechanism | undefined;
  person(id: string): Person | undefined;
  link(id: string): StoredLink | undefined;
  linksOf(id: string): readonly StoredLink[];
}

const linkIndexes = new WeakMap<ArticulationModel, Map<string, StoredLink>>();

/** The facts of a model's dataset. */
export function factSource(model: ArticulationModel): FactSource {
  return {
    mechanism: (id) => model.byId.get(id)?.mechanism,
    person: (id) => model.people.get(id),
    link: (id) => {
      let index = linkIndexes.get(model);
      if (!index) linkIndexes.set(model, (index = new Map(model.links.map((l) => [l.id, l]))));
      return index.get(id);
    },
    linksOf: (id) => model.linksOf(id),
  };
}

/** Fingerprints keyed `subject|fact` (stored as a list of pairs, see StoredFindingState). */
export type FactPrints = ReadonlyMap<string, string>;

/** A short fingerprint of a value (two 32-bit FNV-1a hashes of its canonical JSON). */
function fingerprint(value: unknown): string {
  const text = canonicalJson(value ?? null);
  return fnv1a(text).toString(16).padStart(8, '0') + fnv1a(text, 0x9747b28c).toString(16).padStart(8, '0');
}

/**
 * The fingerprints of the facts a rule rests on, for a finding's subjects. A mechanism gives the
 * mechanism facts, a person `person` (their training, which a rule reads), a link `link` (its
 * date, sense, response…). `links` are the declared links touching the mechanism; when the
 * finding names several mechanisms, only the links between them.
 */
export function findingFacts(facts: readonly Fact[], subjects: readonly string[], source: FactSource): FactPrints {
  const out = new Map<string, string>();
  const mechanisms = new Set(subjects.filter((s) => source.mechanism(s) !== undefined));
  for (const subject of subjects) {
    const m = source.mechanism(subject);
    if (m) {
      for (const fact of facts) {
        if (fact === 'person' || fact === 'link') continue;
        out.set(`${subject}|${fact}`, fingerprint(mechanismFact(m, fact, mechanisms, source)));
      }
      continue;
    }
    const person = source.person(subject);
    if (person) {
      if (facts.includes('person')) out.set(`${subject}|person`, fingerprint({ trained: person.trained }));
      continue;
    }
    const link = source.link(subject);
    if (link && facts.includes('link')) {
      const { id: _id, ...data } = link;
      out.set(`${subject}|link`, fingerprint(data));
    }
  }
  return out;
}

function mechanismFact(m: Mechanism, fact: Fact, mechanisms: ReadonlySet<string>, source: FactSource): unknown {
  if (fact === 'links' || fact.startsWith('links:')) {
    const kind = fact === 'links' ? undefined : fact.slice('links:'.length);
    const between = mechanisms.size > 1;
    return source
      .linksOf(m.id)
      .filter((l) => (kind === undefined || l.kind === kind) && (!between || mechanisms.has(l.from === m.id ? l.to : l.from)))
      .map((l) => canonicalJson(l))
      .sort();
  }
  switch (fact as FactKey) {
    case 'status':
      return { status: m.status, history: m.statusHistory };
    default:
      return (m as Record<string, unknown>)[fact];
  }
}

/** The facts that differ between two sets of fingerprints, as `[subject, fact]`. */
export function changedFacts(before: FactPrints, after: FactPrints): [string, Fact][] {
  const out: [string, Fact][] = [];
  const keys = new Set(before.keys());
  for (const key of after.keys()) keys.add(key);
  for (const key of keys) {
    if (before.get(key) === after.get(key)) continue;
    const cut = key.lastIndexOf('|');
    const fact = key.slice(cut + 1);
    if (isFact(fact)) out.push([key.slice(0, cut), fact]);
  }
  return out;
}
