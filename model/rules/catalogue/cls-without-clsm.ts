import type { Rule } from '../types.ts';
import { ofName, plural } from '../../text.ts';

export const rule: Rule<{ population: number; communes: number }> = {
  id: 'cls-without-clsm',
  category: 'missing-link',
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (« Développer conjointement CLS et CLSM ») et annexe 2',
  docs: {
    title: 'CLS sans CLSM sur son territoire',
    what: "Aucune commune d'un CLS actif n'est couverte par un CLSM actif.",
    why: 'Depuis la loi 3DS, les CLS comportent un volet santé mentale, « ce qui rend la création de CLSM particulièrement pertinente » : le référentiel national recommande de renforcer ce volet par la création d’un CLSM, dont l’émergence peut être un objectif du CLS.',
    fix: 'Envisager la création d’un CLSM sur le territoire du CLS, par exemple en l’inscrivant dans les objectifs du contrat.',
  },
  *check(ctx) {
    const covered = ctx.coverage('CLSM');
    for (const cls of ctx.active('CLS')) {
      if (cls.perimeter.length === 0) continue; // unknown perimeter: nothing to say
      if (cls.perimeter.some((c) => covered[c] === 1)) continue;
      yield { subjects: [cls.mechanism.id], data: { population: cls.population, communes: cls.perimeter.length } };
    }
  },
  describe(f, name) {
    const cls = name(f.subjects[0]);
    return {
      message: `Aucun CLSM actif sur le territoire ${ofName(cls)} (${plural(f.data.communes, 'commune')}, ${plural(f.data.population, 'habitant')}).`,
      fix: `Envisager la création d'un CLSM sur le territoire ${ofName(cls)}, en lien avec son volet santé mentale.`,
    };
  },
};
