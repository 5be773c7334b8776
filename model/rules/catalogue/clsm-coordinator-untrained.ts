import type { Rule } from '../types.ts';
import { theName } from '../../text.ts';

export const rule: Rule<undefined> = {
  id: 'clsm-coordinator-untrained',
  category: 'governance',
  basis: 'referentiel',
  facts: ['coordinators', 'person'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §5 (formation nationale des coordonnateurs de CLSM)',
  docs: {
    title: 'Coordonnateur de CLSM non formé',
    what: 'Un coordonnateur d’un CLSM actif n’a pas suivi la formation nationale (personne déclarée non formée). Une formation non renseignée n’est pas signalée.',
    why: 'Quel que soit le statut de leur poste, tous les coordonnateurs de CLSM doivent suivre la formation nationale proposée par le Centre national de ressources et d’appui aux CLSM.',
    fix: 'Inscrire le coordonnateur à la formation nationale du Centre national de ressources et d’appui aux CLSM, puis le déclarer formé.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const m = clsm.mechanism;
      const seen = new Set<string>();
      for (const c of m.coordinators ?? []) {
        if (seen.has(c.person)) continue;
        seen.add(c.person);
        if (ctx.model.people.get(c.person)?.trained !== false) continue; // trained, or unknown
        yield { subjects: [m.id, c.person] };
      }
    }
  },
  describe(f, name) {
    const [clsm, person] = f.subjects.map(name);
    return {
      message: `${person}, qui coordonne ${theName(clsm)}, n'a pas suivi la formation nationale des coordonnateurs de CLSM.`,
      fix: `Inscrire ${person} à la formation nationale des coordonnateurs de CLSM.`,
    };
  },
};
