import type { Rule } from '../types.ts';
import { COMPLEX_CASES_THEME } from '../../vocabulary.ts';
import { capitalize, ofName, theName } from '../../text.ts';
import { commonDepartements } from '../../graph.ts';

/** The data of every finding (the "cellule cas complexes" theme): the same for all, so shared. */
const DATA = { theme: COMPLEX_CASES_THEME };

export const rule: Rule<{ theme: string }> = {
  id: 'clsm-dac-complex-cases',
  category: 'overlap',
  basis: 'referentiel',
  facts: ['territory', 'status', 'themes', 'governance', 'links'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, contexte (besoin de mieux définir et renforcer les articulations des CLSM avec les DAC) ; CSP art. L. 6327-2',
  docs: {
    title: 'Cellule cas complexes du CLSM sans lien avec le DAC',
    what: 'Un CLSM actif a un groupe de travail ou un thème « cas complexes » et son territoire rencontre celui d’un DAC actif, sans qu’aucun lien ne relie les deux dispositifs.',
    why: 'La cellule cas complexes d’un CLSM et le dispositif d’appui à la coordination traitent tous deux des situations individuelles complexes ; sans articulation, les mêmes situations risquent d’être examinées deux fois ou de passer entre les deux.',
    fix: 'Convenir avec le DAC de l’articulation (orientation des situations, participation croisée) et l’enregistrer comme lien « articulation » du CLSM vers le DAC.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      if (!ctx.model.themes(clsm).includes(COMPLEX_CASES_THEME)) continue;
      for (const dac of ctx.intersecting(clsm, 'DAC')) {
        const [c, d] = [clsm.mechanism.id, dac.mechanism.id];
        if (ctx.model.linkedEntries(clsm, dac)) continue;
        yield {
          subjects: [c, d],
          link: { kind: 'articulation', from: c, to: d },
          departements: commonDepartements(clsm, dac),
          data: DATA,
        };
      }
    }
  },
  describe(f, name) {
    const [clsm, dac] = f.subjects.map(name);
    return {
      message: `${capitalize(theName(clsm))} anime une cellule cas complexes sur le territoire ${ofName(dac)}, sans lien déclaré avec ce DAC.`,
      fix: `Articuler la cellule cas complexes ${ofName(clsm)} avec ${theName(dac)} et enregistrer le lien.`,
    };
  },
};
