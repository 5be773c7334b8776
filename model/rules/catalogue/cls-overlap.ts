import { describeOverlap, sameKindOverlaps, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'cls-overlap',
  category: 'overlap',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'info',
  reference: 'CSP art. L. 1434-10 IV (contrats locaux de santé)',
  docs: {
    title: 'CLS qui se chevauchent',
    what: 'Deux contrats locaux de santé actifs couvrent au moins une commune en commun (par exemple un CLS communal dans un CLS intercommunal). Deux dispositifs déjà reliés par un lien déclaré sont articulés : le chevauchement n’est alors qu’une information.',
    why: 'Les contrats emboîtés sont fréquents et souvent voulus ; ils demandent cependant que les programmes d’actions et les volets santé mentale soient mis en cohérence pour éviter les doublons.',
    fix: 'Vérifier que les deux contrats se répartissent les actions, ou articuler leurs volets santé mentale.',
  },
  check: (ctx) => sameKindOverlaps(ctx, 'CLS'),
  describe: (f, name) => describeOverlap('CLS', f, name, (a, b) => `Mettre en cohérence les programmes d'actions ${ofName(a)} et ${ofName(b)}.`),
};
