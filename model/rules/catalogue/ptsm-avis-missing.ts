import { describeMissingAvis, missingAvisFindings, type MissingAvisData } from '../avis.ts';
import type { Rule } from '../types.ts';

export const rule: Rule<MissingAvisData | undefined> = {
  id: 'ptsm-avis-missing',
  category: 'missing-link',
  basis: 'loi',
  facts: ['territory', 'status', 'dates', 'links:avis'],
  defaultSeverity: 'error',
  reference: 'CSP art. L. 3221-2 IV ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Avis du CLSM sur le projet territorial manquant',
    what: "Un CLSM actif à la date d'adoption du projet territorial (ou à la date de référence si la date d'adoption est inconnue), dont le territoire rencontre celui du PTSM, n'a pas donné d'avis sur le projet. Un CLSM aujourd'hui en sommeil qui était actif à l'adoption devait son avis. Avertissement « à vérifier » quand la date de création du CLSM ou celle de l'adoption n'est pas renseignée. Le projet d'un PTSM en préparation reste « attendu » jusqu'à son adoption.",
    why: 'Les CLSM donnent leur avis sur le diagnostic territorial et sur le projet avant sa validation par le directeur général de l’ARS (art. L. 3221-2 IV du CSP).',
    fix: 'Recueillir l’avis du CLSM sur le projet et l’enregistrer comme lien « avis » (étape projet) du CLSM vers le PTSM ; si la date de création du CLSM est inconnue, la renseigner d’abord.',
  },
  check: (ctx) => missingAvisFindings(ctx, 'projet'),
  describe: (f, name) => describeMissingAvis('projet', f, name),
};
