// The user's words for what the data holds as codes: a link named by its ends (« Avis du CLSM de
// Niort sur le PTSM des Deux-Sèvres (projet) »), objective tags, coordinators, dates as French
// readers write them, and a date that has not come yet said as planned, never as done. Pure:
// shared by the screens, the print layouts, the CSV and the PDF report, so that each says the
// same thing the same way.
import type { AvisStageStatus } from './avis.ts';
import { formatDateFr } from './dates.ts';
import { capitalize, formatDecimal, ofName, theName, toName } from './text.ts';
import type { Link } from './schema.ts';
import {
  ARTICULATION_FORM_LABELS,
  AUDIT_ENTITY_LABELS,
  AVIS_OPINION_LABELS,
  AVIS_STATE_LABELS,
  CREATION_CLSM_OBJECTIVE,
  FIELD_LABELS,
  fieldLabel,
  LINK_KINDS,
  PRIORITY_LABELS,
  type AvisStage,
  type LinkKind,
} from './vocabulary.ts';

/** How a stage reads in brackets after an avis: « (projet) ». */
const STAGE_WORDS: Record<AvisStage, string> = { diagnostic: 'diagnostic', projet: 'projet' };

/** What names a link: its kind, its two ends, and for an avis its stage. */
export interface NamedLink {
  kind: LinkKind;
  from: string;
  to: string;
  stage?: AvisStage;
}

/**
 * A link as users name it, from its ends' names: « Avis du CLSM de Niort sur le PTSM des
 * Deux-Sèvres (projet) », « Contribution du CLSM de Niort au PTSM des Deux-Sèvres ».
 */
export function linkTitle(link: NamedLink, nameOf: (id: string) => string): string {
  const from = nameOf(link.from);
  const to = nameOf(link.to);
  switch (link.kind) {
    case 'avis':
      return `Avis ${ofName(from)} sur ${theName(to)}${link.stage ? ` (${STAGE_WORDS[link.stage]})` : ''}`;
    case 'contribution':
      return `Contribution ${ofName(from)} ${toName(to)}`;
    case 'declinaison':
      return `Déclinaison ${ofName(to)} par ${theName(from)}`;
    case 'volet-sante-mentale':
      return `Volet santé mentale ${ofName(from)} : ${theName(to)}`;
    case 'prise-en-compte':
      return `Prise en compte ${ofName(to)} par ${theName(from)}`;
    case 'articulation':
      return `Articulation entre ${theName(from)} et ${theName(to)}`;
  }
}

/** Objective tags the product reads, in words; other tags (free) are written as words too. */
const OBJECTIVE_LABELS = new Map<string, string>([[CREATION_CLSM_OBJECTIVE, 'Création d’un CLSM']]);

/** An objective tag in French: « creation-clsm » → « Création d’un CLSM », « jardins-partages » → « Jardins partages ». */
export function objectiveLabel(tag: string): string {
  return OBJECTIVE_LABELS.get(tag) ?? capitalize(tag.replace(/-/g, ' '));
}

/** A full-time equivalent: « 0,5 ETP ». */
export function fteText(fte: number): string {
  return `${formatDecimal(fte)} ETP`;
}

/** A coordinator and their part: « Coordination du CLSM de Niort (coordination, 1 ETP) ». */
export function coordinatorText(label: string, fte: number | undefined): string {
  return `${label} (coordination${fte === undefined ? '' : `, ${fteText(fte)}`})`;
}

/** "2026-12-07" → "07/12/2026": the short French date of tables, CSV files and workbooks. */
export function formatDateShort(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A dated event said as done only when it has happened at the reference date: « adopté le
 * 9 juin 2021 », else « adoption prévue le 15 mars 2027 ». Never writes a future date as done.
 */
export function datedEvent(date: string, asOf: string, words: { done: string; planned: string }): string {
  return `${date <= asOf ? words.done : words.planned} ${formatDateFr(date)}`;
}

/** The words of the dates mechanisms carry: what is done, and what is planned. */
export const DATE_EVENTS = {
  start: { done: 'depuis le', planned: 'début prévu le' },
  end: { done: 'terminé le', planned: 'fin prévue le' },
  signed: { done: 'signé le', planned: 'signature prévue le' },
  diagnosticAdopted: { done: 'diagnostic adopté le', planned: 'adoption du diagnostic prévue le' },
  adopted: { done: 'adopté le', planned: 'adoption prévue le' },
  projectAdopted: { done: 'projet adopté le', planned: 'adoption du projet prévue le' },
} as const satisfies Record<string, { done: string; planned: string }>;
export type DateField = keyof typeof DATE_EVENTS;

/** A mechanism's dates as one French phrase at a reference date: « signé le 10 mars 2023, fin prévue le 9 mars 2028 ». */
export function datesText(dates: { start?: string; end?: string; signed?: string; diagnosticAdopted?: string; adopted?: string } | undefined, asOf: string): string {
  if (!dates) return '';
  const order = ['diagnosticAdopted', 'adopted', 'signed', 'start', 'end'] as const;
  // A start on the day of the signature or adoption says nothing more.
  const repeated = (field: (typeof order)[number]) => field === 'start' && (dates.start === dates.signed || dates.start === dates.adopted);
  return order
    .filter((field) => dates[field] !== undefined && !repeated(field))
    .map((field) => datedEvent(dates[field]!, asOf, DATE_EVENTS[field]))
    .join(', ');
}

/**
 * One stage of an avis checklist row in words, after its state: « le 15 mars 2021 (favorable) »,
 * « attendu avant le 9 juin 2021 », « adoption prévue le 15 mars 2027 ».
 */
export function avisStageText(s: Pick<AvisStageStatus, 'state' | 'due' | 'link' | 'reason'>): string {
  const given = [s.link?.date ? `le ${formatDateFr(s.link.date)}` : '', s.link?.opinion ? `(${AVIS_OPINION_LABELS[s.link.opinion].toLowerCase()})` : ''].filter(Boolean).join(' ');
  const parts = [given];
  if (s.state === 'missing' && s.due) parts.push(`attendu avant le ${formatDateFr(s.due)}`);
  if (s.state === 'late' && s.due) parts.push(`échéance : ${formatDateFr(s.due)}`);
  if (s.reason) parts.push(s.reason);
  return parts.filter(Boolean).join(' ; ');
}

/** A checklist cell: its state, then what `avisStageText` says: « Reçu le 15 mars 2021 (favorable) », « Manquant, attendu avant le 9 juin 2021 ». */
export function avisCellText(s: Pick<AvisStageStatus, 'state' | 'due' | 'link' | 'reason'>): string {
  const text = avisStageText(s);
  if (!text) return AVIS_STATE_LABELS[s.state];
  return `${AVIS_STATE_LABELS[s.state]}${text.startsWith('le ') ? ' ' : ', '}${text}`;
}

/** A link's details in words, at a reference date: « le 15 mars 2021 · favorable avec réserves · réponse du PTSM : … », forms, priorities. */
export function linkDetails(l: Pick<Link, 'date' | 'opinion' | 'response' | 'forms' | 'priorities'>, asOf: string): string {
  return [
    l.date ? datedEvent(l.date, asOf, { done: 'le', planned: 'prévu le' }) : '',
    l.opinion ? AVIS_OPINION_LABELS[l.opinion].toLowerCase() : '',
    l.response ? `réponse du PTSM : ${l.response}` : '',
    l.forms?.length ? l.forms.map((f) => ARTICULATION_FORM_LABELS[f]).join(', ') : '',
    l.priorities?.length ? l.priorities.map((p) => PRIORITY_LABELS[p]).join(' ; ') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The three kinds of records a dataset holds. */
export type RecordKind = 'mechanisms' | 'people' | 'links';

/**
 * A record's name as users know it, from its data as it is written (checked or not): a
 * mechanism's name, a person's label, a link named by its ends. Empty when the data gives none.
 */
export function recordName(kind: RecordKind, record: unknown, nameOf: (id: string) => string): string {
  const r = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  if (kind === 'mechanisms') return text(r.name);
  if (kind === 'people') return text(r.label);
  if (typeof r.kind !== 'string' || typeof r.from !== 'string' || typeof r.to !== 'string' || !(LINK_KINDS as readonly string[]).includes(r.kind)) return '';
  return linkTitle(r as unknown as NamedLink, nameOf);
}

/** « Dispositif « CLSM de Niort » », « Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) » »; the bare noun when the record has no name. */
export function recordTitle(kind: RecordKind, record: unknown, nameOf: (id: string) => string): string {
  const name = recordName(kind, record, nameOf);
  return name ? `${AUDIT_ENTITY_LABELS[kind]} « ${name} »` : AUDIT_ENTITY_LABELS[kind];
}

/** A field's French name from a path inside a record (« territory.communes[0] » → « Territoire »), or the path itself. */
export function fieldOfPath(path: string): string {
  let bare = path.replace(/\[\d+\]/g, '');
  while (bare) {
    if (Object.hasOwn(FIELD_LABELS, bare)) return fieldLabel(bare);
    bare = bare.includes('.') ? bare.slice(0, bare.lastIndexOf('.')) : '';
  }
  return path;
}

/**
 * What a finding is about, in words (its subjects are mechanism, person and link ids): a name, a
 * link by its ends, « élément supprimé » for an id the data no longer holds.
 */
export function subjectNamer(model: { nameOf(id: string): string; links: readonly (NamedLink & { id: string })[] }): (id: string) => string {
  let links: Map<string, NamedLink> | undefined;
  return (id) => {
    links ??= new Map(model.links.map((l) => [l.id, l]));
    const link = links.get(id);
    if (link) return linkTitle(link, model.nameOf);
    const name = model.nameOf(id);
    return name === id ? 'élément supprimé' : name;
  };
}
