import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

/** Annex 1 §4: the COPIL meets twice a year. */
const MIN_MEETINGS = 2;

export const rule: Rule<{ meetingsPerYear: number }> = {
  id: 'clsm-copil-frequency',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §4 (comité de pilotage : deux réunions par an)',
  docs: {
    title: 'COPIL réuni moins de deux fois par an',
    what: 'Le comité de pilotage d’un CLSM actif se réunit moins de deux fois par an. Un rythme de réunion non renseigné n’est pas signalé.',
    why: 'Le référentiel national prévoit que le COPIL se réunisse deux fois par an pour construire et suivre la feuille de route du CLSM ; en deçà, la stratégie n’est plus pilotée.',
    fix: 'Programmer au moins deux réunions du COPIL par an et mettre à jour le rythme déclaré.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const meetings = clsm.mechanism.governance?.copil?.meetingsPerYear;
      if (meetings === undefined || meetings >= MIN_MEETINGS) continue; // unknown, or enough
      yield { subjects: [clsm.mechanism.id], data: { meetingsPerYear: meetings } };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `Le COPIL ${ofName(clsm)} ${f.data.meetingsPerYear === 0 ? "ne se réunit pas dans l'année" : "ne se réunit qu'une fois par an"} (deux réunions attendues).`,
      fix: `Réunir le COPIL ${ofName(clsm)} au moins deux fois par an.`,
    };
  },
};
