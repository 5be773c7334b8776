import { formatDateFr } from '../../dates.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule = {
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
    for (const ptsm of ctx.active('PTSM')) {
      const checklist = ctx.avis(ptsm);
      const dateKnown = ptsm.mechanism.dates?.diagnosticAdopted !== undefined;
      for (const row of checklist.rows) {
        const status = row.stages.diagnostic;
        if (status.state !== 'missing') continue;
        const when =
          status.due === undefined
            ? " (date d'adoption inconnue)"
            : dateKnown
              ? `, adopté le ${formatDateFr(status.due)}`
              : ` (date d'adoption du diagnostic inconnue : avis dû avant l'adoption du projet, le ${formatDateFr(status.due)})`;
        yield {
          subjects: [row.clsm.id, ptsm.mechanism.id],
          message: `${capitalize(theName(row.clsm.name))} n'a pas donné son avis sur le diagnostic territorial partagé ${ofName(ptsm.mechanism.name)}${when}.`,
          fix: {
            message: `Enregistrer l'avis ${ofName(row.clsm.name)} sur le diagnostic territorial partagé.`,
            link: { kind: 'avis', from: row.clsm.id, to: ptsm.mechanism.id, stage: 'diagnostic' },
          },
          ...(status.due ? { data: { date: status.due } } : {}),
        };
      }
    }
  },
};
