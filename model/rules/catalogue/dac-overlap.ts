import { describeOverlap, sameKindOverlaps, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { theName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'dac-overlap',
  category: 'overlap',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'info',
  reference: 'CSP art. L. 6327-1 et L. 6327-2 (dispositifs d’appui à la coordination)',
  docs: {
    title: 'DAC qui se chevauchent',
    what: 'Deux dispositifs d’appui à la coordination (DAC) actifs couvrent au moins une commune en commun. Deux dispositifs déjà reliés par un lien déclaré sont articulés : le chevauchement n’est alors qu’une information.',
    why: 'Le DAC est le guichet unique d’appui aux professionnels pour les situations complexes de son territoire ; deux DAC sur les mêmes communes rendent le recours incertain, en particulier pour la cellule cas complexes d’un CLSM.',
    fix: 'Préciser la répartition territoriale des deux DAC, ou corriger le périmètre déclaré.',
  },
  check: (ctx) => sameKindOverlaps(ctx, 'DAC'),
  describe: (f, name) => describeOverlap('DAC', f, name, (a, b) => `Préciser la répartition territoriale entre ${theName(a)} et ${theName(b)}.`),
};
