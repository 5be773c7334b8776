// The PTSM coordinator's checklist (CSP L.3221-2 IV): which CLSMs must give their avis on the
// shared diagnostic and on the project before the ARS adopts them, and where each one stands.
// The three avis rules read this, so the checklist and the findings never disagree.
import { formatDateFr, isActiveAt } from './dates.ts';
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
  link?: Pick<StoredLink, 'id' | 'date' | 'opinion'>;
  /** Why it is not required, or what is awaited (French). */
  reason?: string;
}

export interface AvisChecklistRow {
  clsm: { id: string; name: string; status: string };
  stages: Record<AvisStage, AvisStageStatus>;
}

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
  /** Share of expected avis received on time (0–100), or null when none is expected. */
  completion: number | null;
}

/** The date a stage's avis was due before, or undefined when that adoption has not happened yet. */
function stageDueDate(ptsm: MechanismEntry, stage: AvisStage): string | undefined {
  const dates = ptsm.mechanism.dates;
  return stage === 'projet' ? dates?.adopted : (dates?.diagnosticAdopted ?? dates?.adopted);
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
    // Every CLSM of the territory is listed, those not required with the reason why.
    for (const clsm of clsms) {
      const id = clsm.mechanism.id;
      const stages = {
        diagnostic: stageStatus(diagnostic, clsm, intersects, given.diagnostic.get(id)),
        projet: stageStatus(projet, clsm, intersects, given.projet.get(id)),
      };
      rows.push({ clsm: { id, name: clsm.mechanism.name, status: clsm.mechanism.status }, stages });
    }
  };
  addRows(intersecting, true);
  addRows(outside, false);
  rows.sort((a, b) => compareFrench(a.clsm.name, b.clsm.name));

  const empty = (): AvisTotals => ({ expected: 0, received: 0, missing: 0, late: 0, awaited: 0 });
  const totals = { diagnostic: empty(), projet: empty(), all: empty() };
  for (const row of rows) {
    for (const stage of AVIS_STAGES) {
      const state = row.stages[stage].state;
      if (state === 'not-required') continue;
      totals[stage].expected++;
      totals[stage][state]++;
      totals.all.expected++;
      totals.all[state]++;
    }
  }
  const m = ptsm.mechanism;
  return {
    ptsm: { id: m.id, name: m.name, status: m.status, diagnosticAdopted: m.dates?.diagnosticAdopted, adopted: m.dates?.adopted },
    asOf,
    rows,
    totals,
    completion: totals.all.expected === 0 ? null : Math.round((1000 * totals.all.received) / totals.all.expected) / 10,
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
  const due = stageDueDate(ptsm, stage);
  const status = ptsm.mechanism.status;
  // A PTSM in preparation has not adopted its project, whatever date was planned; an active
  // (or ended) one without a date was adopted on an unknown date.
  const adopted = stage === 'projet' && status === 'project' ? false : due !== undefined ? due <= asOf : status === 'active' || status === 'ended';
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
    if (due === undefined) reason = "date d'adoption inconnue";
  }
  // One shape for every status; absent fields are undefined, which JSON leaves out.
  return { stage: facts.stage, state, due, link: link && { id: link.id, date: link.date, opinion: link.opinion }, reason };
}
