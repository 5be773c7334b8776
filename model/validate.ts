// Validation of an `articulation/1` document beyond its shape: codes against the territory
// reference, unique ids, link ends that exist and have the right kind, known people, date order.
// Every problem is reported at once, with its path and the offending value.
import * as v from 'valibot';
import { DatasetSchema, type Dataset, type Link, type StoredLink } from './schema.ts';
import type { TerritoryIndex } from './territory.ts';
import { formatDateFr, isCalendarDate } from './dates.ts';
import { LINK_ENDS, LINK_KIND_LABELS, MECHANISM_STATUS_LABELS, type LinkKind, type MechanismKind, type MechanismStatus } from './vocabulary.ts';

export interface Problem {
  /** Where, e.g. `mechanisms[3].territory.communes[0]`. */
  path: string;
  /** What is wrong, in French. */
  message: string;
  /** The offending value. */
  value?: unknown;
}

/** `problems`: the first `maxProblems` (all by default); `problemCount`: how many there are in all. */
export type ValidationResult = { ok: true; dataset: Dataset & { links: StoredLink[] } } | { ok: false; problems: Problem[]; problemCount: number };

/** Path of a valibot issue in the `a.b[2].c` form. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : String(key);
  }
  return out;
}

/** valibot issues as problems (shape errors). */
export function shapeProblems(issues: readonly v.BaseIssue<unknown>[], prefix = ''): Problem[] {
  return issues.map((issue) => shapeProblem(issue, prefix));
}

function shapeProblem(issue: v.BaseIssue<unknown>, prefix = ''): Problem {
  const path = issuePath(issue);
  const message = issue.kind === 'schema' && issue.received === 'undefined' ? 'champ obligatoire manquant' : issue.message;
  return { path: prefix && path ? `${prefix}.${path}` : prefix || path || '(document)', message, value: issue.input };
}

/**
 * Validate a parsed JSON value as an `articulation/1` document. A broken file can hold millions
 * of problems: `maxProblems` keeps the first ones (in document order, duplicates removed) and
 * counts the rest.
 */
export function validateDataset(input: unknown, territories: TerritoryIndex, options: { maxProblems?: number } = {}): ValidationResult {
  if (!isObj(input)) {
    const got = Array.isArray(input) ? 'une liste' : input === null ? 'null' : typeof input === 'string' ? 'un texte' : typeof input;
    return { ok: false, problems: [{ path: '(document)', message: `le document doit être un objet JSON, pas ${got}`, value: Array.isArray(input) ? '[…]' : input }], problemCount: 1 };
  }
  const parsed = v.safeParse(DatasetSchema, input, { abortPipeEarly: false });
  const collected = new ProblemList(options.maxProblems ?? Infinity);
  if (!parsed.success) for (const issue of parsed.issues) collected.add(shapeProblem(issue));
  // Checks on the whole document run even when some parts are mis-shaped, so that the
  // user sees every problem at once; they read the raw input defensively.
  for (const problem of crossChecks(input, territories)) collected.add(problem);
  if (collected.count > 0 || !parsed.success) return { ok: false, problems: collected.kept, problemCount: collected.count };
  return { ok: true, dataset: { ...parsed.output, links: withLinkIds(parsed.output.links) } };
}

/** Distinct problems (same path and message counted once): the first `max` kept, all counted. */
class ProblemList {
  readonly kept: Problem[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  get count(): number {
    return this.seen.size;
  }

  add(problem: Problem): void {
    const key = `${problem.path}\u0000${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.kept.length < this.max) this.kept.push(problem);
  }
}

type Raw = Record<string, unknown>;
const isObj = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

function crossChecks(input: unknown, territories: TerritoryIndex): Problem[] {
  if (!isObj(input)) return [];
  const problems: Problem[] = [];
  const kinds = new Map<string, MechanismKind>();
  const people = new Set<string>();

  arr(input.mechanisms).forEach((m, i) => {
    if (!isObj(m)) return;
    const id = str(m.id);
    if (id !== undefined) {
      if (kinds.has(id)) problems.push({ path: `mechanisms[${i}].id`, message: `identifiant en double « ${id} »`, value: id });
      else kinds.set(id, m.kind as MechanismKind);
    }
    for (const problem of territoryProblems(m.territory, `mechanisms[${i}].territory`, territories)) problems.push(problem);
    for (const problem of mechanismDateProblems(m, `mechanisms[${i}]`)) problems.push(problem);
  });

  arr(input.people).forEach((p, i) => {
    const id = isObj(p) ? str(p.id) : undefined;
    if (id === undefined) return;
    if (people.has(id)) problems.push({ path: `people[${i}].id`, message: `identifiant de personne en double « ${id} »`, value: id });
    else if (kinds.has(id)) problems.push({ path: `people[${i}].id`, message: `« ${id} » est déjà l'identifiant d'un dispositif`, value: id });
    people.add(id);
  });

  arr(input.mechanisms).forEach((m, i) => {
    if (!isObj(m)) return;
    const listed = new Set<string>();
    arr(m.coordinators).forEach((c, j) => {
      const person = isObj(c) ? str(c.person) : undefined;
      if (person === undefined) return;
      const path = `mechanisms[${i}].coordinators[${j}].person`;
      if (!people.has(person)) problems.push({ path, message: `personne inconnue « ${person} » (absente de people)`, value: person });
      else if (listed.has(person)) problems.push({ path, message: `personne « ${person} » déjà listée parmi les coordinations de ce dispositif`, value: person });
      listed.add(person);
    });
  });

  const linkIds = new Set<string>();
  arr(input.links).forEach((l, i) => {
    if (!isObj(l)) return;
    const id = str(l.id);
    if (id !== undefined) {
      if (linkIds.has(id)) problems.push({ path: `links[${i}].id`, message: `identifiant de lien en double « ${id} »`, value: id });
      linkIds.add(id);
    }
    for (const problem of linkEndProblems(l, `links[${i}]`, (ref) => kinds.get(ref))) problems.push(problem);
  });

  for (const field of ['departements', 'regions'] as const) {
    const scope = isObj(input.scope) ? input.scope : {};
    arr(scope[field]).forEach((code, i) => {
      const known = field === 'departements' ? territories.isDepartement(String(code)) : territories.isRegion(String(code));
      if (typeof code === 'string' && !known) {
        problems.push({ path: `scope.${field}[${i}]`, message: `code ${field === 'departements' ? 'département' : 'région'} inconnu « ${code} »`, value: code });
      }
    });
  }
  return problems;
}

const statusLabel = (status: unknown) => MECHANISM_STATUS_LABELS[status as MechanismStatus] ?? String(status);

/**
 * A mechanism's dates that contradict each other: end before start, project adopted before its
 * diagnostic, a status history out of date order, a `status` other than the history's last entry
 * (docs/format.md, « Historique des statuts »). Shared by the dataset validation, the API writes and the forms.
 */
export function mechanismDateProblems(m: Raw, path: string): Problem[] {
  const problems: Problem[] = [];
  if (isObj(m.dates)) {
    const { start, end, diagnosticAdopted, adopted } = m.dates;
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      problems.push({ path: `${path}.dates.end`, message: `la fin (${end}) précède le début (${start})`, value: end });
    }
    if (typeof diagnosticAdopted === 'string' && typeof adopted === 'string' && adopted < diagnosticAdopted) {
      problems.push({ path: `${path}.dates.adopted`, message: `l'adoption du projet (${adopted}) précède celle du diagnostic (${diagnosticAdopted})`, value: adopted });
    }
  }
  const history = arr(m.statusHistory);
  let previous: string | undefined;
  history.forEach((entry, j) => {
    const from = isObj(entry) ? str(entry.from) : undefined;
    if (from === undefined || !isCalendarDate(from)) return; // the shape check names it
    if (previous !== undefined && from <= previous) {
      problems.push({
        path: `${path}.statusHistory[${j}].from`,
        message: `historique des statuts dans le désordre : le ${formatDateFr(from)} ${from === previous ? 'répète' : 'précède'} la date de l'entrée précédente (${formatDateFr(previous)}) ; les entrées vont de la plus ancienne à la plus récente`,
        value: from,
      });
    }
    previous = from;
  });
  const last = history[history.length - 1];
  if (isObj(last) && typeof last.status === 'string' && typeof m.status === 'string' && last.status !== m.status) {
    const since = typeof last.from === 'string' && isCalendarDate(last.from) ? ` depuis le ${formatDateFr(last.from)}` : '';
    problems.push({
      path: `${path}.status`,
      message: `le statut « ${statusLabel(m.status)} » diffère de la dernière entrée de l'historique (« ${statusLabel(last.status)} »${since}) : le statut doit reprendre cette dernière entrée`,
      value: m.status,
    });
  }
  return problems;
}

const FIELD_LABEL = { communes: 'commune', epci: 'EPCI', departements: 'département' } as const;

/** Unknown codes and empty perimeters. Exported for the API's single-mechanism writes. */
export function territoryProblems(territory: unknown, path: string, territories: TerritoryIndex): Problem[] {
  if (!isObj(territory)) return [];
  // Non-strings become '' (reported by the shape check) so that indexes line up.
  const codes = (field: 'communes' | 'epci' | 'departements') => arr(territory[field]).map((c) => (typeof c === 'string' ? c : ''));
  const lists = { communes: codes('communes'), epci: codes('epci'), departements: codes('departements') };
  const problems: Problem[] = territories
    .normalize(lists)
    .unknown.filter((u) => u.code !== '')
    .map((u) => ({
      path: `${path}.${u.field}[${u.index}]`,
      message: `code ${FIELD_LABEL[u.field]} inconnu « ${u.code} » (code officiel géographique de l'INSEE)`,
      value: u.code,
    }));
  const wellFormed = (['communes', 'epci', 'departements'] as const).every((f) => territory[f] === undefined || Array.isArray(territory[f]));
  const declared = lists.communes.length + lists.epci.length + lists.departements.length;
  if (wellFormed && declared === 0) problems.push({ path, message: 'territoire vide : indiquez au moins une commune, un EPCI ou un département', value: territory });
  return problems;
}

/** Link ends that do not exist, point to themselves or have the wrong kind. */
export function linkEndProblems(link: Raw, path: string, kindOf: (id: string) => MechanismKind | undefined): Problem[] {
  const problems: Problem[] = [];
  const kind = str(link.kind) as LinkKind | undefined;
  const ends = kind && Object.hasOwn(LINK_ENDS, kind) ? LINK_ENDS[kind] : undefined;
  for (const end of ['from', 'to'] as const) {
    const ref = str(link[end]);
    if (ref === undefined) continue;
    const endKind = kindOf(ref);
    if (endKind === undefined) {
      problems.push({ path: `${path}.${end}`, message: `dispositif inconnu « ${ref} »`, value: ref });
    } else if (ends && ends[end] && !ends[end]!.includes(endKind)) {
      const side = end === 'from' ? 'partir' : 'aboutir à';
      problems.push({
        path: `${path}.${end}`,
        message: `un lien « ${LINK_KIND_LABELS[kind!]} » doit ${side} ${ends[end]!.length > 1 ? 'un de ces dispositifs : ' : 'un '}${ends[end]!.join(', ')}, pas un ${endKind} (« ${ref} »)`,
        value: ref,
      });
    }
  }
  if (str(link.from) !== undefined && link.from === link.to) {
    problems.push({ path: `${path}.to`, message: 'un lien ne peut pas relier un dispositif à lui-même', value: link.to });
  }
  if (kind === 'avis' && link.stage === undefined) {
    problems.push({ path: `${path}.stage`, message: 'étape obligatoire pour un avis : « diagnostic » ou « projet »' });
  }
  const avisOnly = { stage: 'une étape (diagnostic ou projet)', opinion: 'un sens (favorable…)', response: 'une réponse du PTSM' } as const;
  for (const field of ['stage', 'opinion', 'response'] as const) {
    if (link[field] !== undefined && kind !== undefined && kind !== 'avis') {
      problems.push({ path: `${path}.${field}`, message: `seul un lien « avis » a ${avisOnly[field]}`, value: link[field] });
    }
  }
  return problems;
}

/** A deterministic id for a link that has none: kind, ends and stage. */
export function defaultLinkId(link: Pick<Link, 'kind' | 'from' | 'to' | 'stage'>): string {
  return [link.kind, link.from, link.to, link.stage].filter(Boolean).join('--');
}

function withLinkIds(links: Link[]): StoredLink[] {
  const taken = new Set(links.map((l) => l.id).filter((id): id is string => id !== undefined));
  return links.map((l) => {
    if (l.id !== undefined) return l as StoredLink;
    const base = defaultLinkId(l);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { ...l, id };
  });
}

/** JSON text to a value, or a French message placing the syntax error (line, column). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message);
    if (!position) return { ok: false, message: `ce n'est pas du JSON valide${text.trim() === '' ? ' (contenu vide)' : ''}` };
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    return { ok: false, message: `ce n'est pas du JSON valide (ligne ${line}, colonne ${before.length - before.lastIndexOf('\n')})` };
  }
}
