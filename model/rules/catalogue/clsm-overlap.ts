import { describeOverlap, sameKindOverlaps, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'clsm-overlap',
  category: 'overlap',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §3 (périmètre géographique)',
  docs: {
    title: 'CLSM qui se chevauchent',
    what: 'Deux CLSM actifs couvrent au moins une commune en commun. Deux dispositifs déjà reliés par un lien déclaré sont articulés : le chevauchement n’est alors qu’une information.',
    why: "Le périmètre d'un CLSM est choisi collectivement et adapté au territoire ; deux CLSM sur les mêmes communes mobilisent deux fois les mêmes acteurs et se font concurrence.",
    fix: 'Redéfinir les périmètres pour qu’ils ne se recouvrent plus, ou fusionner les deux démarches.',
  },
  check: (ctx) => sameKindOverlaps(ctx, 'CLSM'),
  describe: (f, name) => describeOverlap('CLSM', f, name, (a, b) => `Revoir les périmètres ${ofName(a)} et ${ofName(b)}, ou fusionner les deux CLSM.`),
};
