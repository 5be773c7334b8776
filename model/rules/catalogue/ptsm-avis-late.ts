import { formatDateFr } from '../../dates.ts';
import { AVIS_STAGES, AVIS_STAGE_LABELS, type AvisStage } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

export const rule: Rule<{ date: string; due: string; stage: AvisStage }> = {
  id: 'ptsm-avis-late',
  category: 'missing-link',
  basis: 'loi',
  facts: ['dates', 'link'],
  defaultSeverity: 'error',
  reference: 'CSP art. L. 3221-2 IV et R. 3224-1 IV ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Avis du CLSM donné après l’adoption',
    what: "L'avis d'un CLSM sur le diagnostic territorial partagé ou sur le projet territorial de santé mentale est daté d'après l'arrêté d'adoption pour lequel il était requis. S'applique aussi au diagnostic d'un PTSM en préparation.",
    why: 'Le diagnostic et le projet sont arrêtés par le directeur général de l’ARS après avis des CLSM (art. L. 3221-2 IV et R. 3224-1 IV du CSP) : un avis postérieur n’a pas pu être pris en compte.',
    fix: 'Recueillir l’avis des CLSM avant la prochaine adoption ou révision du PTSM, et vérifier la date enregistrée sur le lien « avis ».',
  },
  *check(ctx) {
    for (const ptsm of ctx.avisPtsms()) {
      const checklist = ctx.avis(ptsm);
      for (const row of checklist.rows) {
        for (const stage of AVIS_STAGES) {
          const status = row.stages[stage];
          if (status.state !== 'late') continue;
          const given = status.link!.date!;
          const due = status.due!;
          yield {
            subjects: [row.clsm.id, ptsm.mechanism.id, status.link!.id],
            data: { date: given, due, stage },
            due,
          };
        }
      }
    }
  },
  describe(f, name) {
    const [clsm, ptsm] = [name(f.subjects[0]), name(f.subjects[1])];
    const { date, due, stage } = f.data;
    return {
      message: `L'avis ${ofName(clsm)} sur le ${AVIS_STAGE_LABELS[stage]} ${ofName(ptsm)} est daté du ${formatDateFr(date)}, après son adoption le ${formatDateFr(due)}.`,
      fix: `Recueillir l'avis ${ofName(clsm)} avant la prochaine adoption ou révision du PTSM (ou corriger la date de l'avis si elle est erronée).`,
    };
  },
};
