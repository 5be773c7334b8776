import { addYears, formatDateFr } from '../../dates.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, plural, theName } from '../../text.ts';

export const rule: Rule<{ date: string; expiry: string; years: number }> = {
  id: 'ptsm-expired',
  category: 'missing-link',
  defaultSeverity: 'warning',
  reference: 'CSP art. R. 3224-1 IV (PTSM arrêté pour une durée de cinq ans) et L. 3221-2 IV',
  docs: {
    title: 'PTSM arrivé à échéance',
    what: "Un PTSM actif a été adopté il y a plus longtemps que sa durée de validité (cinq ans, paramétrable) à la date de référence. Un PTSM dont la date d'adoption est inconnue n'est pas signalé.",
    why: 'Le projet territorial de santé mentale est arrêté pour une durée de cinq ans (art. R. 3224-1 IV du CSP) ; au-delà, il doit être révisé selon la même procédure, après les mêmes consultations, dont l’avis des CLSM.',
    fix: 'Engager la révision du PTSM (actualisation du diagnostic territorial partagé, avis des CLSM, nouvel arrêté du directeur général de l’ARS) et enregistrer la nouvelle date d’adoption.',
  },
  *check(ctx) {
    const years = ctx.settings.ptsmValidityYears;
    for (const ptsm of ctx.active('PTSM')) {
      const adopted = ptsm.mechanism.dates?.adopted;
      if (adopted === undefined) continue; // unknown, not a breach
      const expiry = addYears(adopted, years);
      if (expiry >= ctx.asOf) continue;
      yield { subjects: [ptsm.mechanism.id], data: { date: adopted, expiry, years } };
    }
  },
  describe(f, name) {
    const ptsm = name(f.subjects[0]);
    const { date, expiry, years } = f.data;
    return {
      message: `${capitalize(theName(ptsm))}, adopté le ${formatDateFr(date)}, est arrivé à échéance le ${formatDateFr(expiry)} (durée de validité : ${plural(years, 'an')}).`,
      fix: `Engager la révision ${ofName(ptsm)} : actualiser le diagnostic, recueillir l'avis des CLSM et faire arrêter le nouveau projet par l'ARS.`,
    };
  },
};
