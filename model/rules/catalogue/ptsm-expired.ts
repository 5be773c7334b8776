import { addYears, formatDateFr } from '../../dates.ts';
import type { MechanismEntry } from '../../graph.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, plural, theName } from '../../text.ts';

/** The PTSM taking over: in preparation at the reference date, or active and adopted later. */
type Successor = { id: string; inPreparation: boolean };
type ExpiryData = { date: string; expiry: string; years: number; successor?: Successor };

/**
 * Another PTSM whose territory covers all of `ptsm`'s and that takes over from it: active and
 * adopted after it (it has taken over already: the old one is to be closed), or else in
 * preparation at the reference date. Dataset order otherwise.
 */
function successorOf(ctx: RuleContext, ptsm: MechanismEntry, adopted: string): Successor | undefined {
  let found: Successor | undefined;
  for (const [q, shared] of ctx.model.classOverlaps(ptsm.perimeterClass)) {
    if (shared.length < ptsm.perimeter.length) continue; // covers only part of its territory
    for (const other of q.members.get('PTSM') ?? []) {
      if (other === ptsm) continue;
      const inPreparation = ctx.inPreparation(other);
      const later = ctx.isActive(other) && (other.mechanism.dates?.adopted ?? '') > adopted;
      if (!inPreparation && !later) continue;
      if (!found || (!inPreparation && found.inPreparation)) found = { id: other.mechanism.id, inPreparation };
    }
  }
  return found;
}

export const rule: Rule<ExpiryData> = {
  id: 'ptsm-expired',
  category: 'missing-link',
  basis: 'loi',
  facts: ['dates', 'territory', 'status'],
  defaultSeverity: 'warning',
  reference: 'CSP art. R. 3224-1 IV (PTSM arrêté pour une durée de cinq ans) et L. 3221-2 IV',
  docs: {
    title: 'PTSM arrivé à échéance',
    what: "Un PTSM actif a été adopté il y a plus longtemps que sa durée de validité (cinq ans, paramétrable) à la date de référence. Quand un autre PTSM, en préparation ou adopté depuis, couvre tout son territoire, le constat n'est qu'une information qui nomme ce successeur. Un PTSM dont la date d'adoption est inconnue n'est pas signalé.",
    why: 'Le projet territorial de santé mentale est arrêté pour une durée de cinq ans (art. R. 3224-1 IV du CSP) ; au-delà, il doit être révisé selon la même procédure, après les mêmes consultations, dont l’avis des CLSM.',
    fix: 'Engager la révision du PTSM (actualisation du diagnostic territorial partagé, avis des CLSM, nouvel arrêté du directeur général de l’ARS) et enregistrer la nouvelle date d’adoption ; quand le successeur est adopté, clore l’ancien PTSM.',
  },
  *check(ctx) {
    const years = ctx.settings.ptsmValidityYears;
    for (const ptsm of ctx.active('PTSM')) {
      const adopted = ptsm.mechanism.dates?.adopted;
      if (adopted === undefined) continue; // unknown, not a breach
      const expiry = addYears(adopted, years);
      if (expiry >= ctx.asOf) continue;
      const successor = successorOf(ctx, ptsm, adopted);
      yield {
        subjects: [ptsm.mechanism.id],
        data: { date: adopted, expiry, years, ...(successor ? { successor } : {}) },
        due: expiry,
        ...(successor ? { severity: 'info' as const } : {}),
      };
    }
  },
  describe(f, name) {
    const ptsm = name(f.subjects[0]);
    const { date, expiry, years, successor } = f.data;
    const expired = `${capitalize(theName(ptsm))}, adopté le ${formatDateFr(date)}, est arrivé à échéance le ${formatDateFr(expiry)} (durée de validité : ${plural(years, 'an')})`;
    if (successor) {
      const next = name(successor.id);
      return {
        message: `${expired} ; ${theName(next)}${successor.inPreparation ? ', en préparation,' : ''} lui succède sur tout son territoire.`,
        fix: successor.inPreparation
          ? `Mener à son terme l'adoption ${ofName(next)} (avis des CLSM sur le diagnostic et le projet), puis clore ${theName(ptsm)}.`
          : `Clore ${theName(ptsm)} (statut « terminé » et date de fin) : ${theName(next)} lui a succédé.`,
      };
    }
    return {
      message: `${expired}.`,
      fix: `Engager la révision ${ofName(ptsm)} : actualiser le diagnostic, recueillir l'avis des CLSM et faire arrêter le nouveau projet par l'ARS.`,
    };
  },
};
