// The PTSM coordinator's checklist (CSP L.3221-2 IV): which CLSMs must give their avis on the
// shared diagnostic and on the project before the ARS adopts them, and where each one stands.
// The three avis rules read this, so the checklist and the findings never disagree.
import { formatDateFr, isActiveAt } from './dates.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import type { StoredLink } from './schema.ts';
import { AVIS_STAGES, AVIS_STAGE_LABELS, type AvisStage } from './vocabulary.ts';

export type AvisState = 'received' | 'missing' | 'late' | 'awaited' | 'not-required';

export const AVIS_STATE_LABELS: Record<AvisState, string> = {
  received: 'Reçu',
  missing: 'Manquant',
  late: 'En retard',
  awaited: 'Attendu',
  'not-required': 'Non requis',
};

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
  const given = new Map<string, Map<AvisStage, StoredLink>>();
  for (const link of model.linksOf(ptsmId, 'in', 'avis')) {
    if (link.date !== undefined && link.date > asOf) continue; // not given yet at the reference date
    const stage = link.stage ?? 'projet';
    const byStage = given.get(link.from) ?? new Map<AvisStage, StoredLink>();
    const previous = byStage.get(stage);
    // With several avis for one stage, the earliest dated one counts.
    if (!previous || (link.date && (!previous.date || link.date < previous.date))) byStage.set(stage, link);
    given.set(link.from, byStage);
  }

  // Candidates: the CLSMs of the territory (through the perimeter classes that meet the
  // PTSM's), and those that gave an avis anyway.
  const intersecting = new Set<MechanismEntry>();
  for (const q of model.classOverlaps(ptsm.perimeterClass).keys()) for (const e of q.members.get('CLSM') ?? []) intersecting.add(e);
  const candidates = new Set(intersecting);
  for (const id of given.keys()) {
    const clsm = model.get(id);
    if (clsm) candidates.add(clsm);
  }
  const rows: AvisChecklistRow[] = [];
  for (const clsm of candidates) {
    // Every CLSM of the territory is listed, those not required with the reason why.
    const stages = {} as Record<AvisStage, AvisStageStatus>;
    for (const stage of AVIS_STAGES) {
      stages[stage] = stageStatus(ptsm, clsm, intersecting.has(clsm), stage, asOf, given.get(clsm.mechanism.id)?.get(stage));
    }
    rows.push({ clsm: { id: clsm.mechanism.id, name: clsm.mechanism.name, status: clsm.mechanism.status }, stages });
  }
  rows.sort((a, b) => a.clsm.name.localeCompare(b.clsm.name, 'fr'));

  const empty = (): AvisTotals => ({ expected: 0, received: 0, missing: 0, late: 0, awaited: 0 });
  const totals = { diagnostic: empty(), projet: empty(), all: empty() };
  for (const row of rows) {
    for (const stage of AVIS_STAGES) {
      const state = row.stages[stage].state;
      if (state === 'not-required') continue;
      for (const t of [totals[stage], totals.all]) {
        t.expected++;
        t[state]++;
      }
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

function stageStatus(
  ptsm: MechanismEntry,
  clsm: MechanismEntry,
  intersects: boolean,
  stage: AvisStage,
  asOf: string,
  link: StoredLink | undefined,
): AvisStageStatus {
  const due = stageDueDate(ptsm, stage);
  const status = ptsm.mechanism.status;
  // A PTSM in preparation has not adopted its project, whatever date was planned; an active
  // (or ended) one without a date was adopted on an unknown date.
  const adopted = stage === 'projet' && status === 'project' ? false : due !== undefined ? due <= asOf : status === 'active' || status === 'ended';
  // The CLSMs concerned are those active when the ARS adopted (or, before adoption or when the
  // date is unknown, at the reference date).
  const referenceDate = adopted && due !== undefined ? due : asOf;
  const dueField = adopted && due !== undefined ? { due } : {};
  const linkInfo = link && { id: link.id, date: link.date, opinion: link.opinion };
  const label = AVIS_STAGE_LABELS[stage];
  if (!intersects || !isActiveAt(clsm.mechanism, referenceDate)) {
    const reason = !intersects
      ? 'territoire du CLSM hors du territoire du PTSM'
      : `CLSM non actif ${adopted && due !== undefined ? `à l'adoption du ${label} (${formatDateFr(referenceDate)})` : `au ${formatDateFr(referenceDate)}`}`;
    return { stage, state: 'not-required', ...dueField, ...(linkInfo ? { link: linkInfo } : {}), reason };
  }
  if (link) {
    const late = adopted && due !== undefined && link.date !== undefined && link.date > due;
    return { stage, state: late ? 'late' : 'received', ...dueField, link: linkInfo };
  }
  if (!adopted) {
    return { stage, state: 'awaited', reason: due ? `adoption prévue le ${formatDateFr(due)}` : `${label} pas encore adopté` };
  }
  return { stage, state: 'missing', ...dueField, ...(due === undefined ? { reason: "date d'adoption inconnue" } : {}) };
}
