// The PTSM coordinator's checklist (CSP L.3221-2 IV): which CLSMs must give their avis on the
// shared diagnostic and on the project before the ARS adopts them, and where each one stands.
// The three avis rules read this, so the checklist and the findings never disagree.
import { formatDateFr, isActiveAt, knownStart, statusAt } from './dates.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import type { StoredLink } from './schema.ts';
import { AVIS_STAGES, AVIS_STAGE_LABELS, type AvisStage, type AvisState } from './vocabulary.ts';

/** French collation, built once: `localeCompare(…, 'fr')` builds a collator on every call. */
const compareFrench = new Intl.Collator('fr').compare;

export type { AvisState };

export interface AvisStageStatus {
  stage: AvisStage;
  state: AvisState;
  /** The adoption date the avis was due before, when known. */
  due?: string;
  /** The avis link, when one was given. */
  link?: Pick<StoredLink, 'id' | 'date' | 'opinion' | 'response' | 'documents'>;
  /** Why it is not required, or what is awaited (French). */
  reason?: string;
  /**
   * A missing avis that depends on a date the data does not know (the CLSM's creation, the
   * adoption's date): "à vérifier", never a breach (docs/format.md, « Inconnu n’est pas faux »).
   */
  unverified?: 'clsm-start' | 'adoption-date';
}

export interface AvisChecklistRow {
  clsm: { id: string; name: string; status: string };
  stages: Record<AvisStage, AvisStageStatus>;
}

/** Counts of a checklist: `expected` are the avis due at the reference date (received + late + missing); awaited ones apart. */
export interface AvisTotals {
  expected: number;
  received: number;
  missing: number;
  late: number;
  awaited: number;
}

export interface AvisChecklist {
  ptsm: { id: string; name: string; status: string; diagnosticAdopted?: string; adopted?: string };
  asOf: string;
  rows: AvisChecklistRow[];
  totals: Record<AvisStage, AvisTotals> & { all: AvisTotals };
  /** Share of the avis due that were received on time (0–100), or null when none is due: see `completionRate`. */
  completion: number | null;
}

/**
 * The avis rate, one definition for the checklist, the indicators and every total built from
 * them (docs/indicateurs.md, « Le taux des avis »): avis received on time among those due, in %, one decimal; null when none
 * is due. Awaited avis (adoption not yet reached) are not counted.
 */
export function completionRate(totals: Pick<AvisTotals, 'expected' | 'received'>): number | null {
  return totals.expected === 0 ? null : Math.round((1000 * totals.received) / totals.expected) / 10;
}

/** Empty totals. */
export const emptyAvisTotals = (): AvisTotals => ({ expected: 0, received: 0, missing: 0, late: 0, awaited: 0 });

/** Adds `b` into `a`. */
export function addAvisTotals(a: AvisTotals, b: AvisTotals): AvisTotals {
  a.expected += b.expected;
  a.received += b.received;
  a.missing += b.missing;
  a.late += b.late;
  a.awaited += b.awaited;
  return a;
}

/** A PTSM in preparation at a date: `project` then, or not existing yet (docs/format.md, « Actif à une date »). */
export function inPreparationAt(ptsm: MechanismEntry, date: string): boolean {
  const status = statusAt(ptsm.mechanism, date);
  return status === 'project' || status === undefined;
}

/**
 * The date a stage's avis was due before, when known. The diagnostic's adoption, or, for a
 * PTSM whose project is adopted, the project's when the diagnostic's is not recorded; a PTSM in
 * preparation is never judged against a planned project date.
 */
function stageDueDate(ptsm: MechanismEntry, stage: AvisStage, inPreparation: boolean): string | undefined {
  const dates = ptsm.mechanism.dates;
  if (stage === 'projet') return dates?.adopted;
  return dates?.diagnosticAdopted ?? (inPreparation ? undefined : dates?.adopted);
}

export function avisChecklist(model: ArticulationModel, ptsmId: string, asOf: string): AvisChecklist | undefined {
  const ptsm = model.get(ptsmId);
  if (!ptsm || ptsm.mechanism.kind !== 'PTSM') return undefined;
  // The avis given at the reference date, per stage and CLSM id; with several avis for one
  // stage, the earliest dated one counts.
  const given: Record<AvisStage, Map<string, StoredLink>> = { diagnostic: new Map(), projet: new Map() };
  for (const link of model.linksOf(ptsmId, 'in', 'avis')) {
    if (link.date !== undefined && link.date > asOf) continue; // not given yet at the reference date
    const byClsm = given[link.stage ?? 'projet'];
    const previous = byClsm.get(link.from);
    if (!previous || (link.date && (!previous.date || link.date < previous.date))) byClsm.set(link.from, link);
  }

  // Candidates: the CLSMs of the territory (through the perimeter classes that meet the
  // PTSM's), and those that gave an avis anyway.
  const intersecting = new Set<MechanismEntry>();
  for (const q of model.classOverlaps(ptsm.perimeterClass).keys()) for (const e of q.members.get('CLSM') ?? []) intersecting.add(e);
  const outside = new Set<MechanismEntry>();
  for (const byClsm of Object.values(given)) {
    for (const id of byClsm.keys()) {
      const clsm = model.get(id);
      if (clsm && !intersecting.has(clsm)) outside.add(clsm);
    }
  }
  const rows: AvisChecklistRow[] = [];
  const [diagnostic, projet] = AVIS_STAGES.map((stage) => stageFacts(ptsm, stage, asOf));
  const addRows = (clsms: Set<MechanismEntry>, intersects: boolean) => {
    // Every CLSM of the territory is listed, those not required with the reason why; one whose
    // dated history starts after the reference date did not exist yet.
    for (const clsm of clsms) {
      const id = clsm.mechanism.id;
      const status = statusAt(clsm.mechanism, asOf);
      if (status === undefined && !given.diagnostic.has(id) && !given.projet.has(id)) continue;
      const stages = {
        diagnostic: stageStatus(diagnostic, clsm, intersects, given.diagnostic.get(id)),
        projet: stageStatus(projet, clsm, intersects, given.projet.get(id)),
      };
      rows.push({ clsm: { id, name: clsm.mechanism.name, status: status ?? clsm.mechanism.status }, stages });
    }
  };
  addRows(intersecting, true);
  addRows(outside, false);
  rows.sort((a, b) => compareFrench(a.clsm.name, b.clsm.name));

  const totals = { diagnostic: emptyAvisTotals(), projet: emptyAvisTotals(), all: emptyAvisTotals() };
  for (const row of rows) {
    for (const stage of AVIS_STAGES) {
      const state = row.stages[stage].state;
      if (state === 'not-required') continue;
      for (const t of [totals[stage], totals.all]) {
        t[state]++;
        if (state !== 'awaited') t.expected++;
      }
    }
  }
  const m = ptsm.mechanism;
  return {
    ptsm: { id: m.id, name: m.name, status: statusAt(m, asOf) ?? 'project', diagnosticAdopted: m.dates?.diagnosticAdopted, adopted: m.dates?.adopted },
    asOf,
    rows,
    totals,
    completion: completionRate(totals.all),
  };
}

/** What a stage's status depends on besides the CLSM and its avis: the same for every row, computed once. */
interface StageFacts {
  stage: AvisStage;
  /** Whether the ARS has adopted this stage at the reference date. */
  adopted: boolean;
  /** The adoption date the avis was due before, when adopted on a known date. */
  due: string | undefined;
  /** The CLSMs concerned are those active at this date. */
  referenceDate: string;
  inactiveReason: string;
  awaitedReason: string;
}

function stageFacts(ptsm: MechanismEntry, stage: AvisStage, asOf: string): StageFacts {
  const status = statusAt(ptsm.mechanism, asOf);
  const inPreparation = inPreparationAt(ptsm, asOf);
  const due = stageDueDate(ptsm, stage, inPreparation);
  // A PTSM in preparation has not adopted its project, whatever date was planned (its diagnostic
  // may be adopted already); an adopted one without a date was adopted on an unknown date.
  const adopted = stage === 'projet' && inPreparation ? false : due !== undefined ? due <= asOf : !inPreparation && (status === 'active' || status === 'ended');
  // The CLSMs concerned are those active when the ARS adopted (or, before adoption or when the
  // date is unknown, at the reference date).
  const dated = adopted && due !== undefined;
  const referenceDate = dated ? due : asOf;
  const label = AVIS_STAGE_LABELS[stage];
  return {
    stage,
    adopted,
    due: dated ? due : undefined,
    referenceDate,
    inactiveReason: `CLSM non actif ${dated ? `à l'adoption du ${label} (${formatDateFr(referenceDate)})` : `au ${formatDateFr(referenceDate)}`}`,
    awaitedReason: due ? `adoption prévue le ${formatDateFr(due)}` : `${label} pas encore adopté`,
  };
}

const OUTSIDE_REASON = 'territoire du CLSM hors du territoire du PTSM';

function stageStatus(facts: StageFacts, clsm: MechanismEntry, intersects: boolean, link: StoredLink | undefined): AvisStageStatus {
  const due = facts.due;
  let state: AvisState;
  let reason: string | undefined;
  let unverified: AvisStageStatus['unverified'];
  if (!intersects || !isActiveAt(clsm.mechanism, facts.referenceDate)) {
    state = 'not-required';
    reason = intersects ? facts.inactiveReason : OUTSIDE_REASON;
  } else if (link) {
    state = due !== undefined && link.date !== undefined && link.date > due ? 'late' : 'received';
  } else if (!facts.adopted) {
    state = 'awaited';
    reason = facts.awaitedReason;
  } else {
    state = 'missing';
    // Owed only if the CLSM existed at the adoption: unknown when either date is.
    if (due === undefined) {
      unverified = 'adoption-date';
      reason = "date d'adoption inconnue : à vérifier";
    } else if (knownStart(clsm.mechanism) === undefined) {
      unverified = 'clsm-start';
      reason = 'date de création du CLSM inconnue : à vérifier';
    }
  }
  // One shape for every status; absent fields are undefined, which JSON leaves out.
  return { stage: facts.stage, state, due, link: link && { id: link.id, date: link.date, opinion: link.opinion, response: link.response, ...(link.documents?.length ? { documents: link.documents } : {}) }, reason, unverified };
}
