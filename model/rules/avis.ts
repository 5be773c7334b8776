// What the avis rules read from the PTSM checklists (model/avis.ts), the same the API shows.
import type { AvisStageStatus } from '../avis.ts';
import type { MechanismEntry } from '../graph.ts';
import type { AvisStage } from '../vocabulary.ts';
import { formatDateFr } from '../dates.ts';
import { capitalize, ofName, theName } from '../text.ts';
import type { RuleContext } from './context.ts';
import type { FindingText, NameOf, RuleFinding } from './types.ts';

export interface MissingAvis {
  ptsm: MechanismEntry;
  /** The adoption date the avis were due before, when known: the same for every CLSM of the stage. */
  due: string | undefined;
  /** The CLSMs whose avis is missing, in checklist order, and whether that rests on a date the data does not know. */
  clsms: { id: string; unverified: AvisStageStatus['unverified'] }[];
}

/**
 * For each PTSM the avis concern (active, or in preparation with its diagnostic adopted) with
 * missing avis at `stage`, those CLSMs.
 */
export function* missingAvis(ctx: RuleContext, stage: AvisStage): Iterable<MissingAvis> {
  for (const ptsm of ctx.avisPtsms()) {
    const missing = ctx.avis(ptsm).rows.filter((row) => row.stages[stage].state === 'missing');
    if (missing.length) yield { ptsm, due: missing[0].stages[stage].due, clsms: missing.map((row) => ({ id: row.clsm.id, unverified: row.stages[stage].unverified })) };
  }
}

/**
 * The data of a missing avis: the adoption it was due before (`dateOf`: whose date it is, the
 * projet's standing in for an unrecorded diagnostic's), and what the data does not know.
 */
export type MissingAvisData = {
  date?: string;
  dateOf?: AvisStage;
  unverified?: 'clsm-start' | 'adoption-date';
};

/**
 * The findings of the missing avis at `stage` (ptsm-avis-missing, ptsm-diagnostic-avis-missing):
 * one per CLSM, with the avis link that resolves it, due on the adoption date. Owed only if the
 * CLSM existed at the adoption: when the data does not know (an unknown creation or adoption
 * date), a warning « à vérifier », never an error (DOMAIN.md §4).
 */
export function* missingAvisFindings(ctx: RuleContext, stage: AvisStage): Iterable<RuleFinding<MissingAvisData | undefined>> {
  for (const { ptsm, due, clsms } of missingAvis(ctx, stage)) {
    const id = ptsm.mechanism.id;
    const dateOf: AvisStage = stage === 'diagnostic' && ptsm.mechanism.dates?.diagnosticAdopted === undefined ? 'projet' : stage;
    // Shared by the PTSM's findings.
    const known: MissingAvisData | undefined = due === undefined ? undefined : { date: due, dateOf };
    const startUnknown: MissingAvisData = { ...known, unverified: 'clsm-start' };
    const dateUnknown: MissingAvisData = { unverified: 'adoption-date' };
    for (const clsm of clsms) {
      const data = clsm.unverified === 'clsm-start' ? startUnknown : clsm.unverified === 'adoption-date' ? dateUnknown : known;
      yield {
        subjects: [clsm.id, id],
        link: { kind: 'avis', from: clsm.id, to: id, stage },
        data,
        due,
        ...(clsm.unverified ? { severity: 'warning' as const } : {}),
      };
    }
  }
}

/** The texts of a missing avis. */
export function describeMissingAvis(stage: AvisStage, f: RuleFinding<MissingAvisData | undefined>, name: NameOf): FindingText {
  const [clsm, ptsm] = f.subjects.map(name);
  const what = stage === 'projet' ? `le projet ${ofName(ptsm)}` : `le diagnostic territorial partagé ${ofName(ptsm)}`;
  const { date, dateOf, unverified } = f.data ?? {};
  const when =
    date === undefined
      ? ', adopté à une date inconnue'
      : dateOf === stage
        ? `, adopté le ${formatDateFr(date)}`
        : ` (date d'adoption du diagnostic inconnue : avis dû avant l'adoption du projet, le ${formatDateFr(date)})`;
  const check =
    unverified === 'clsm-start'
      ? ` Sa date de création n'est pas renseignée : à vérifier s'il existait déjà à cette date.`
      : unverified === 'adoption-date'
        ? " À vérifier : le CLSM n'était peut-être pas encore créé à l'adoption."
        : '';
  const stageName = stage === 'projet' ? 'le projet territorial' : 'le diagnostic territorial partagé';
  return {
    message: `${capitalize(theName(clsm))} n'a pas donné son avis sur ${what}${when}.${check}`,
    fix:
      unverified === 'clsm-start'
        ? `Renseigner la date de création ${ofName(clsm)} (ou l'historique de ses statuts) ; s'il existait à l'adoption, enregistrer son avis sur ${stageName}.`
        : unverified === 'adoption-date'
          ? `Renseigner la date d'adoption ${ofName(ptsm)} ; si ${theName(clsm)} existait alors, enregistrer son avis sur ${stageName}.`
          : `Enregistrer l'avis ${ofName(clsm)} sur ${stageName}.`,
  };
}
