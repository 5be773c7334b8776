// Form values ↔ articulation/1 objects, and validation as the user types with the very
// schemas the server uses (model/schema.ts) plus the same cross-field checks (model/validate.ts
// for link ends; date order and empty territory with the server's messages). Pure.
import * as v from 'valibot';
import { LinkSchema, MechanismSchema, PersonSchema, type Link, type Mechanism, type Person } from '../../../model/schema.ts';
import { issuePath, linkEndProblems, mechanismDateProblems } from '../../../model/validate.ts';
import type { MechanismKind } from '../../../model/vocabulary.ts';

export type FieldErrors = Record<string, string>;

/**
 * The form field a path belongs to: the longest of `fields` that is the path or a prefix of it
 * followed by `.` or `[`; unknown paths go to '' (shown at the top of the form).
 */
export function fieldOf(path: string, fields: readonly string[]): string {
  let best = '';
  for (const f of fields) {
    if ((path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) && f.length > best.length) best = f;
  }
  return best;
}

/** Server issue paths (`mechanisms[0].territory.communes[0]`, `link.from`) to form paths. */
export function serverPath(path: string): string {
  return path.replace(/^(mechanisms|people|links)\[\d+\]\.?/, '').replace(/^link\.?/, '');
}

/** First message per field. */
export function collectErrors(problems: readonly { path: string; message: string }[], fields: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const field = fieldOf(p.path, fields);
    if (out[field] === undefined) out[field] = p.message;
  }
  return out;
}

function shape(schema: v.GenericSchema, input: unknown): { path: string; message: string }[] {
  const result = v.safeParse(schema, input, { abortPipeEarly: false });
  if (result.success) return [];
  return result.issues.map((issue) => ({
    path: issuePath(issue) || '',
    message: issue.kind === 'schema' && issue.received === 'undefined' ? 'champ obligatoire manquant' : issue.message,
  }));
}

// ---------------------------------------------------------------------------------------
// Mechanisms

export const MECHANISM_FIELDS = [
  'id',
  'kind',
  'name',
  'status',
  'statusHistory',
  'territory',
  'dates.start',
  'dates.end',
  'dates.signed',
  'dates.diagnosticAdopted',
  'dates.adopted',
  'priorities',
  'objectives',
  'themes',
  'mentalHealthComponent',
  'governance.copil.roles',
  'governance.copil.meetingsPerYear',
  'governance.plenaryPerYear',
  'governance.workingGroups',
  'governance.charter',
  'governance.funding',
  'coordinators',
] as const;

export type TriState = 'oui' | 'non' | '';

export interface MechanismFormValues {
  id: string;
  kind: string;
  name: string;
  status: string;
  /** Dated statuses, oldest first (DOMAIN.md §4); empty: no history. */
  statusHistory: { status: string; from: string }[];
  communes: string[];
  epci: string[];
  departements: string[];
  start: string;
  end: string;
  signed: string;
  diagnosticAdopted: string;
  adopted: string;
  priorities: string[];
  /** Comma-separated free tags. */
  objectives: string;
  themes: string[];
  mentalHealthComponent: TriState;
  copilRoles: string[];
  copilMeetings: string;
  plenary: string;
  charter: TriState;
  funding: string[];
  workingGroups: { theme: string; title: string }[];
  coordinators: { person: string; fte: string }[];
}

export function emptyMechanismValues(kind = 'CLSM'): MechanismFormValues {
  return {
    id: '',
    kind,
    name: '',
    status: 'active',
    statusHistory: [],
    communes: [],
    epci: [],
    departements: [],
    start: '',
    end: '',
    signed: '',
    diagnosticAdopted: '',
    adopted: '',
    priorities: [],
    objectives: '',
    themes: [],
    mentalHealthComponent: '',
    copilRoles: [],
    copilMeetings: '',
    plenary: '',
    charter: '',
    funding: [],
    workingGroups: [],
    coordinators: [],
  };
}

const tri = (b: boolean | undefined): TriState => (b === undefined ? '' : b ? 'oui' : 'non');

export function mechanismToValues(m: Mechanism): MechanismFormValues {
  const g = m.governance;
  return {
    id: m.id,
    kind: m.kind,
    name: m.name,
    status: m.status,
    statusHistory: (m.statusHistory ?? []).map((e) => ({ status: e.status, from: e.from })),
    communes: [...(m.territory?.communes ?? [])],
    epci: [...(m.territory?.epci ?? [])],
    departements: [...(m.territory?.departements ?? [])],
    start: m.dates?.start ?? '',
    end: m.dates?.end ?? '',
    signed: m.dates?.signed ?? '',
    diagnosticAdopted: m.dates?.diagnosticAdopted ?? '',
    adopted: m.dates?.adopted ?? '',
    priorities: [...(m.priorities ?? [])],
    objectives: (m.objectives ?? []).join(', '),
    themes: [...(m.themes ?? [])],
    mentalHealthComponent: tri(m.mentalHealthComponent),
    copilRoles: [...(g?.copil?.roles ?? [])],
    copilMeetings: g?.copil?.meetingsPerYear !== undefined ? String(g.copil.meetingsPerYear) : '',
    plenary: g?.plenaryPerYear !== undefined ? String(g.plenaryPerYear) : '',
    charter: tri(g?.charter),
    funding: [...(g?.funding ?? [])],
    workingGroups: (g?.workingGroups ?? []).map((w) => ({ theme: w.theme, title: w.title ?? '' })),
    coordinators: (m.coordinators ?? []).map((c) => ({ person: c.person, fte: c.fte !== undefined ? String(c.fte) : '' })),
  };
}

/** '' → undefined; "0,5" → 0.5; text that is not a number is kept so the schema names it. */
export function parseNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
  if (empty) delete target[key];
  else target[key] = value;
}
function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const fromTri = (t: TriState): boolean | undefined => (t === '' ? undefined : t === 'oui');

/**
 * The mechanism to send: the form's fields over the record being edited, so that fields this
 * form does not know (the format keeps extra fields) survive the edit.
 */
export function valuesToMechanism(values: MechanismFormValues, base?: Mechanism): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  setOrDelete(out, 'id', values.id.trim() || undefined);
  out.kind = values.kind;
  out.name = values.name;
  out.status = values.status;
  setOrDelete(out, 'statusHistory', values.statusHistory.filter((e) => e.status || e.from.trim()).map((e) => ({ status: e.status, from: e.from.trim() })));
  const territory: Record<string, unknown> = { ...(isPlainObject(base?.territory) ? base!.territory : {}) };
  territory.communes = values.communes;
  territory.epci = values.epci;
  territory.departements = values.departements;
  out.territory = territory;
  const dates: Record<string, unknown> = { ...(isPlainObject(base?.dates) ? base!.dates : {}) };
  for (const k of ['start', 'end', 'signed', 'diagnosticAdopted', 'adopted'] as const) setOrDelete(dates, k, values[k].trim() || undefined);
  setOrDelete(out, 'dates', dates);
  setOrDelete(out, 'priorities', values.priorities);
  setOrDelete(out, 'objectives', values.objectives.split(',').map((s) => s.trim()).filter(Boolean));
  setOrDelete(out, 'themes', values.themes);
  setOrDelete(out, 'mentalHealthComponent', fromTri(values.mentalHealthComponent));
  const gov: Record<string, unknown> = { ...(isPlainObject(base?.governance) ? base!.governance : {}) };
  const copil: Record<string, unknown> = { ...(isPlainObject(base?.governance?.copil) ? base!.governance!.copil : {}) };
  setOrDelete(copil, 'roles', values.copilRoles);
  setOrDelete(copil, 'meetingsPerYear', parseNumber(values.copilMeetings));
  setOrDelete(gov, 'copil', copil);
  setOrDelete(gov, 'plenaryPerYear', parseNumber(values.plenary));
  setOrDelete(gov, 'charter', fromTri(values.charter));
  setOrDelete(gov, 'funding', values.funding);
  setOrDelete(
    gov,
    'workingGroups',
    values.workingGroups.filter((w) => w.theme.trim() || w.title.trim()).map((w) => (w.title.trim() ? { theme: w.theme, title: w.title } : { theme: w.theme })),
  );
  setOrDelete(out, 'governance', gov);
  setOrDelete(
    out,
    'coordinators',
    values.coordinators.filter((c) => c.person.trim()).map((c) => {
      const fte = parseNumber(c.fte);
      return fte === undefined ? { person: c.person } : { person: c.person, fte };
    }),
  );
  return out;
}

/** Shape (MechanismSchema) and the checks validate.ts makes on a single mechanism. */
export function validateMechanism(candidate: Record<string, unknown>, options: { idOptional?: boolean } = {}): FieldErrors {
  const input = options.idOptional && candidate.id === undefined ? { ...candidate, id: 'provisoire' } : candidate;
  const problems = shape(MechanismSchema, input);
  const t = candidate.territory as { communes?: unknown[]; epci?: unknown[]; departements?: unknown[] } | undefined;
  const declared = (t?.communes?.length ?? 0) + (t?.epci?.length ?? 0) + (t?.departements?.length ?? 0);
  if (declared === 0) problems.push({ path: 'territory', message: 'territoire vide : indiquez au moins une commune, un EPCI ou un département' });
  // The same cross-field checks as the server: date order, status history order and last entry.
  for (const p of mechanismDateProblems(candidate, 'm')) problems.push({ path: p.path.replace(/^m\./, ''), message: p.message });
  return collectErrors(problems, MECHANISM_FIELDS);
}

// ---------------------------------------------------------------------------------------
// People

export const PERSON_FIELDS = ['id', 'label', 'trained', 'email', 'phone'] as const;

export interface PersonFormValues {
  id: string;
  label: string;
  trained: TriState;
  email: string;
  phone: string;
}

export function personToValues(p?: Person): PersonFormValues {
  return { id: p?.id ?? '', label: p?.label ?? '', trained: tri(p?.trained), email: p?.email ?? '', phone: p?.phone ?? '' };
}

export function valuesToPerson(values: PersonFormValues, base?: Person): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  setOrDelete(out, 'id', values.id.trim() || undefined);
  out.label = values.label;
  setOrDelete(out, 'trained', fromTri(values.trained));
  setOrDelete(out, 'email', values.email.trim() || undefined);
  setOrDelete(out, 'phone', values.phone.trim() || undefined);
  return out;
}

export function validatePerson(candidate: Record<string, unknown>, options: { idOptional?: boolean } = {}): FieldErrors {
  const input = options.idOptional && candidate.id === undefined ? { ...candidate, id: 'provisoire' } : candidate;
  return collectErrors(shape(PersonSchema, input), PERSON_FIELDS);
}

// ---------------------------------------------------------------------------------------
// Links

export const LINK_FIELDS = ['id', 'kind', 'from', 'to', 'stage', 'date', 'opinion', 'response', 'priorities', 'forms'] as const;

export interface LinkFormValues {
  kind: string;
  from: string;
  to: string;
  stage: string;
  date: string;
  opinion: string;
  /** How the PTSM took the avis into account. */
  response: string;
  priorities: string[];
  forms: string[];
}

export function linkToValues(l?: Partial<Link>): LinkFormValues {
  return {
    kind: l?.kind ?? 'avis',
    from: l?.from ?? '',
    to: l?.to ?? '',
    stage: l?.stage ?? (l?.kind === undefined || l.kind === 'avis' ? 'projet' : ''),
    date: l?.date ?? '',
    opinion: l?.opinion ?? '',
    response: l?.response ?? '',
    priorities: [...(l?.priorities ?? [])],
    forms: [...(l?.forms ?? [])],
  };
}

/** Fields that only make sense for some kinds are dropped for the others. */
export function valuesToLink(values: LinkFormValues, base?: Link): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  out.kind = values.kind;
  out.from = values.from;
  out.to = values.to;
  const avis = values.kind === 'avis';
  setOrDelete(out, 'stage', avis ? values.stage || undefined : undefined);
  setOrDelete(out, 'opinion', avis ? values.opinion || undefined : undefined);
  setOrDelete(out, 'response', avis ? values.response.trim() || undefined : undefined);
  setOrDelete(out, 'date', values.date.trim() || undefined);
  setOrDelete(out, 'priorities', values.kind === 'declinaison' ? values.priorities : undefined);
  setOrDelete(out, 'forms', values.kind === 'articulation' ? values.forms : undefined);
  return out;
}

export function validateLink(candidate: Record<string, unknown>, kindOf: (id: string) => MechanismKind | undefined): FieldErrors {
  const required: { path: string; message: string }[] = [];
  if (!candidate.from) required.push({ path: 'from', message: 'choisissez le dispositif de départ' });
  if (!candidate.to) required.push({ path: 'to', message: "choisissez le dispositif d'arrivée" });
  const ends = linkEndProblems(candidate, 'link', kindOf).map((p) => ({ path: p.path.replace(/^link\.?/, ''), message: p.message }));
  return collectErrors([...required, ...shape(LinkSchema, candidate), ...ends], LINK_FIELDS);
}

/** Top-level fields that differ between two versions of a record (for the 409 explanation). */
export function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
