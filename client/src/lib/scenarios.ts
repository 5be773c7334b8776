// The pure half of the Scénarios view: a scenario's changes in French words, and the changes its
// forms propose (a new mechanism, a planned end, a link added or removed, a coordinator named).
// A planned adoption or end is a dated statusHistory entry (docs/format.md, « Statuts datés »).
import type { ScenarioChange } from '../../../model/scenario.ts';
import type { Mechanism, StoredLink } from '../../../model/schema.ts';
import { LINK_KIND_LABELS, MECHANISM_KINDS, type LinkKind, type MechanismKind } from '../../../model/vocabulary.ts';

/** A change as the API takes it (its id and version are given by the server when left out). */
export type ProposedChange = { op: ScenarioChange['op']; kind: ScenarioChange['kind']; id?: string; baseVersion?: number; data?: Record<string, unknown> };

const recordWord = { mechanisms: 'le dispositif', people: 'la personne', links: 'le lien' } as const;

/** A change in French: « Créer le dispositif « CLSM du Thouarsais » (CLSM) ». */
export function describeChange(change: ScenarioChange, nameOf: (id: string) => string): string {
  if (change.kind === 'links') {
    const link = (change.op === 'delete' ? change.before : change.data) as Partial<StoredLink> | undefined;
    const what = link ? `${linkLabel(link.kind)} de « ${nameOf(String(link.from))} » vers « ${nameOf(String(link.to))} »` : '(supprimé depuis)';
    return `${change.op === 'create' ? 'Ajouter' : change.op === 'update' ? 'Modifier' : 'Retirer'} le lien ${what}`;
  }
  const data = change.op === 'delete' ? change.before : change.data;
  const name = typeof data?.name === 'string' ? data.name : typeof data?.label === 'string' ? data.label : nameOf(change.id);
  const kind = change.kind === 'mechanisms' && typeof data?.kind === 'string' ? ` (${data.kind})` : '';
  if (change.op === 'create') return `Créer ${recordWord[change.kind]} « ${name} »${kind}${plannedFrom(data)}`;
  if (change.op === 'delete') return `Supprimer ${recordWord[change.kind]} « ${name} »`;
  const end = plannedEnd(data);
  return end ? `Terminer ${recordWord[change.kind]} « ${name} » le ${frenchDate(end)}` : `Modifier ${recordWord[change.kind]} « ${name} »${kind}`;
}

const linkLabel = (kind: unknown) => (typeof kind === 'string' && Object.hasOwn(LINK_KIND_LABELS, kind) ? `« ${LINK_KIND_LABELS[kind as LinkKind]} »` : '');
const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

function plannedFrom(data: Record<string, unknown> | undefined): string {
  const history = data?.statusHistory as { status: string; from: string }[] | undefined;
  const active = history?.find((e) => e.status === 'active');
  return active ? `, actif à partir du ${frenchDate(active.from)}` : '';
}

function plannedEnd(data: Record<string, unknown> | undefined): string | undefined {
  const history = data?.statusHistory as { status: string; from: string }[] | undefined;
  const last = history?.[history.length - 1];
  if (last?.status === 'ended') return last.from;
  const end = (data?.dates as { end?: string } | undefined)?.end;
  return data?.status !== 'ended' && end ? end : undefined;
}

export interface NewMechanismInput {
  kind: string;
  name: string;
  /** INSEE codes, separated by commas, semicolons or spaces. */
  communes: string;
  epci: string;
  /** The planned adoption: the mechanism is in preparation until then, active from then on. */
  from: string;
  today: string;
}

/** Codes typed in a field: split on commas, semicolons, spaces. */
export const codesOf = (text: string): string[] => text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);

/** A new mechanism: active from its planned date (in preparation from today until then), or active now. */
export function newMechanismChange(input: NewMechanismInput): ProposedChange {
  const kind = (MECHANISM_KINDS as readonly string[]).includes(input.kind) ? (input.kind as MechanismKind) : input.kind;
  const territory = { communes: codesOf(input.communes), epci: codesOf(input.epci) };
  const data: Record<string, unknown> = { kind, name: input.name.trim(), status: 'active', territory };
  if (input.from) {
    data.statusHistory = input.from > input.today ? [{ status: 'project', from: input.today }, { status: 'active', from: input.from }] : [{ status: 'active', from: input.from }];
  }
  return { op: 'create', kind: 'mechanisms', data };
}

/**
 * A planned end: with a dated history, an `ended` entry at that date; without one (no known
 * history to extend), the end date, after which the mechanism is no longer active.
 */
export function endMechanismChange(record: { id: string; version: number; data: Mechanism }, date: string): ProposedChange {
  const m = record.data;
  const data: Record<string, unknown> = m.statusHistory?.length
    ? { ...m, status: 'ended', statusHistory: [...m.statusHistory.filter((e) => e.from < date), { status: 'ended', from: date }] }
    : { ...m, dates: { ...m.dates, end: date } };
  return { op: 'update', kind: 'mechanisms', id: record.id, baseVersion: record.version, data };
}

export function addLinkChange(kind: string, from: string, to: string): ProposedChange {
  return { op: 'create', kind: 'links', data: { kind, from, to } };
}

export function removeLinkChange(record: { id: string; version: number }): ProposedChange {
  return { op: 'delete', kind: 'links', id: record.id, baseVersion: record.version };
}

/** A coordinator named on a mechanism (added to its coordinators, or their FTE changed). */
export function coordinatorChange(record: { id: string; version: number; data: Mechanism }, person: string, fte: number | undefined): ProposedChange {
  const others = (record.data.coordinators ?? []).filter((c) => c.person !== person);
  return { op: 'update', kind: 'mechanisms', id: record.id, baseVersion: record.version, data: { ...record.data, coordinators: [...others, { person, ...(fte !== undefined ? { fte } : {}) }] } };
}

/** The changes sent back when saving: as stored (ids and versions named), without the one removed. */
export function withoutChange(changes: readonly ScenarioChange[], index: number): ProposedChange[] {
  return changes.filter((_, i) => i !== index).map((c) => ({ ...c }));
}
