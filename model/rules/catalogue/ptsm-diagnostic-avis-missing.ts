import { formatDateFr } from '../../dates.ts';
import { missingAvis } from '../avis.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

/**
 * The adoption date the avis was due before, when known: the diagnostic's, or the projet's
 * when the diagnostic's is not recorded (`dateOf` says which).
 */
type DueData = { date: string; dateOf: 'diagnostic' | 'projet' };

export const rule: Rule<DueData | undefined> = {
  id: 'ptsm-diagnostic-avis-missing',
  category: 'missing-link',
  defaultSeverity: 'warning',
  reference: 'CSP art. L. 3221-2 IV et R. 3224-1 IV ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Avis du CLSM sur le diagnostic territorial manquant',
    what: "Un CLSM actif à la date d'adoption du diagnostic territorial partagé (ou à la date de référence s'il n'est pas adopté), dont le territoire rencontre celui du PTSM, n'a pas donné d'avis sur ce diagnostic. Quand la date d'adoption du diagnostic n'est pas renseignée, celle du projet est retenue, comme dans la liste de suivi des avis.",
    why: 'Le diagnostic territorial partagé et le projet territorial de santé mentale sont arrêtés par le directeur général de l’ARS après avis des CLSM (art. L. 3221-2 IV et R. 3224-1 IV du CSP) ; les CLSM y apportent leurs diagnostics locaux.',
    fix: 'Recueillir l’avis du CLSM sur le diagnostic et l’enregistrer comme lien « avis » (étape diagnostic) du CLSM vers le PTSM ; à défaut, le solliciter lors de la prochaine révision du diagnostic.',
  },
  *check(ctx) {
    for (const { ptsm, due, clsms } of missingAvis(ctx, 'diagnostic')) {
      const id = ptsm.mechanism.id;
      // Shared by its findings.
      const data = due ? { date: due, dateOf: ptsm.mechanism.dates?.diagnosticAdopted !== undefined ? ('diagnostic' as const) : ('projet' as const) } : undefined;
      for (const clsm of clsms) yield { subjects: [clsm, id], link: { kind: 'avis', from: clsm, to: id, stage: 'diagnostic' }, data };
    }
  },
  describe(f, name) {
    const [clsm, ptsm] = f.subjects.map(name);
    const when =
      f.data === undefined
        ? " (date d'adoption inconnue)"
        : f.data.dateOf === 'diagnostic'
          ? `, adopté le ${formatDateFr(f.data.date)}`
          : ` (date d'adoption du diagnostic inconnue : avis dû avant l'adoption du projet, le ${formatDateFr(f.data.date)})`;
    return {
      message: `${capitalize(theName(clsm))} n'a pas donné son avis sur le diagnostic territorial partagé ${ofName(ptsm)}${when}.`,
      fix: `Enregistrer l'avis ${ofName(clsm)} sur le diagnostic territorial partagé.`,
    };
  },
};
