import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule<{ plenaryPerYear: number }> = {
  id: 'clsm-plenary-missing',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §4 (assemblée plénière : une fois par an)',
  docs: {
    title: 'Pas d’assemblée plénière annuelle',
    what: 'Un CLSM actif ne tient pas d’assemblée plénière dans l’année. Une fréquence non renseignée n’est pas signalée.',
    why: 'L’assemblée plénière, instance citoyenne du CLSM, se réunit une fois par an : elle recueille les attentes du territoire et rend compte des actions. C’est aussi un indicateur national de l’instruction de 2025.',
    fix: 'Organiser une assemblée plénière au moins une fois par an et mettre à jour la fréquence déclarée.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const plenary = clsm.mechanism.governance?.plenaryPerYear;
      if (plenary === undefined || plenary >= 1) continue; // unknown, or held
      yield { subjects: [clsm.mechanism.id], data: { plenaryPerYear: plenary } };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(clsm))} ne tient pas d'assemblée plénière annuelle.`,
      fix: `Organiser chaque année une assemblée plénière ${ofName(clsm)}.`,
    };
  },
};
