import { describeMissingAvis, missingAvisFindings, type MissingAvisData } from '../avis.ts';
import type { Rule } from '../types.ts';

export const rule: Rule<MissingAvisData | undefined> = {
  id: 'ptsm-diagnostic-avis-missing',
  category: 'missing-link',
  basis: 'loi',
  facts: ['territory', 'status', 'dates', 'links:avis'],
  defaultSeverity: 'error',
  reference: 'CSP art. L. 3221-2 IV et R. 3224-1 IV ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Avis du CLSM sur le diagnostic territorial manquant',
    what: "Un CLSM actif à la date d'adoption du diagnostic territorial partagé, dont le territoire rencontre celui du PTSM, n'a pas donné d'avis sur ce diagnostic. S'applique à tout PTSM dont le diagnostic est adopté, y compris un PTSM en préparation. Quand la date d'adoption du diagnostic d'un PTSM adopté n'est pas renseignée, celle du projet est retenue, comme dans la liste de suivi des avis. Avertissement « à vérifier » quand la date de création du CLSM ou celle de l'adoption n'est pas renseignée.",
    why: 'Le diagnostic territorial partagé et le projet territorial de santé mentale sont arrêtés par le directeur général de l’ARS après avis des CLSM (art. L. 3221-2 IV et R. 3224-1 IV du CSP) ; les CLSM y apportent leurs diagnostics locaux. Un diagnostic adopté sans leur avis est à régulariser avant l’adoption du projet.',
    fix: 'Recueillir l’avis du CLSM sur le diagnostic et l’enregistrer comme lien « avis » (étape diagnostic) du CLSM vers le PTSM ; à défaut, le solliciter avant l’adoption du projet ou lors de la prochaine révision du diagnostic.',
  },
  check: (ctx) => missingAvisFindings(ctx, 'diagnostic'),
  describe: (f, name) => describeMissingAvis('diagnostic', f, name),
};
