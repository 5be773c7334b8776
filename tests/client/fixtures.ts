// A small GraphView and avis checklist in the shapes the API returns, for the client's pure
// transforms (no server, no DOM).
import type { AvisChecklist } from '../../model/avis.ts';
import type { Finding } from '../../model/rules/types.ts';
import type { GraphView } from '../../model/views.ts';

const none = { error: 0, warning: 0, info: 0 };

export const VIEW: GraphView = {
  asOf: '2025-06-01',
  nodes: [
    { id: 'ptsm-79', type: 'mechanism', label: 'PTSM des Deux-Sèvres', kind: 'PTSM', status: 'active', active: true, population: 375_000, departements: ['79'], findings: { error: 1, warning: 0, info: 0 } },
    { id: 'clsm-niort', type: 'mechanism', label: 'CLSM de Niort', kind: 'CLSM', status: 'active', active: true, population: 60_000, departements: ['79'], themes: ['logement', 'sism'], findings: none },
    { id: 'clsm-bressuire', type: 'mechanism', label: 'CLSM du Bocage Bressuirais', kind: 'CLSM', status: 'active', active: true, population: 74_000, departements: ['79'], findings: { error: 0, warning: 2, info: 0 } },
    { id: 'cls-niort', type: 'mechanism', label: 'CLS de la Ville de Niort', kind: 'CLS', status: 'active', active: true, population: 60_000, departements: ['79'], findings: { error: 0, warning: 1, info: 0 } },
    { id: 'cls-old', type: 'mechanism', label: 'CLS du Thouarsais', kind: 'CLS', status: 'ended', active: false, population: 35_000, departements: ['79'], findings: none },
    { id: 'cpts-saint-maixent', type: 'mechanism', label: 'CPTS de Saint-Maixent-l’École', kind: 'CPTS', status: 'project', active: false, population: 20_000, departements: ['79'], findings: none },
    { id: 'clsm-poitiers', type: 'mechanism', label: 'CLSM de Poitiers', kind: 'CLSM', status: 'active', active: true, population: 90_000, departements: ['86'], findings: none },
    { id: 'coord-1', type: 'person', label: 'Coordination CLSM Niort', findings: none },
  ],
  edges: [
    { id: 'avis--clsm-niort--ptsm-79--projet', type: 'link', source: 'clsm-niort', target: 'ptsm-79', kind: 'avis', stage: 'projet', date: '2021-03-15' },
    { id: 'contribution--clsm-niort--ptsm-79', type: 'link', source: 'clsm-niort', target: 'ptsm-79', kind: 'contribution' },
    { id: 'volet--cls-niort--clsm-niort', type: 'link', source: 'cls-niort', target: 'clsm-niort', kind: 'volet-sante-mentale' },
    { id: 'ghost--ptsm-avis-missing:clsm-bressuire+ptsm-79', type: 'ghost', source: 'clsm-bressuire', target: 'ptsm-79', kind: 'avis', stage: 'projet', finding: 'ptsm-avis-missing:clsm-bressuire+ptsm-79', rule: 'ptsm-avis-missing', severity: 'error', category: 'missing-link' },
    { id: 'overlap--clsm-overlap:clsm-niort+clsm-bressuire', type: 'overlap', source: 'clsm-niort', target: 'clsm-bressuire', finding: 'x', rule: 'clsm-overlap', severity: 'warning', category: 'overlap', sharedCommunes: 2, sharedPopulation: 10_000 },
    { id: 'coordination--c1', type: 'coordination', source: 'coord-1', target: 'clsm-niort', fte: 0.5 },
    { id: 'dangling', type: 'link', source: 'clsm-niort', target: 'nowhere', kind: 'articulation' },
  ],
};

export function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'r:a',
    rule: 'ptsm-avis-missing',
    severity: 'error',
    category: 'missing-link',
    basis: 'loi',
    subjects: ['clsm-bressuire', 'ptsm-79'],
    message: 'Le CLSM du Bocage Bressuirais n’a pas donné son avis sur le projet',
    reference: 'CSP L.3221-2 IV',
    fix: { message: 'Enregistrer l’avis', link: { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'projet' } },
    departements: ['79'],
    ...overrides,
  };
}

export const CHECKLIST: AvisChecklist = {
  ptsm: { id: 'ptsm-79', name: 'PTSM des Deux-Sèvres', status: 'active', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' },
  asOf: '2025-06-01',
  rows: [
    {
      clsm: { id: 'clsm-niort', name: 'CLSM de Niort', status: 'active' },
      stages: {
        diagnostic: { stage: 'diagnostic', state: 'received', due: '2019-07-05', link: { id: 'a1', date: '2019-05-10', opinion: 'favorable' } },
        projet: { stage: 'projet', state: 'late', due: '2021-06-09', link: { id: 'a2', date: '2021-07-01', opinion: 'favorable-reserves' } },
      },
    },
    {
      clsm: { id: 'clsm-bressuire', name: 'CLSM du Bocage; "Bressuirais"', status: 'active' },
      stages: {
        diagnostic: { stage: 'diagnostic', state: 'not-required', reason: 'CLSM non actif à l’adoption' },
        projet: { stage: 'projet', state: 'missing', due: '2021-06-09' },
      },
    },
  ],
  totals: {
    diagnostic: { expected: 1, received: 1, missing: 0, late: 0, awaited: 0 },
    projet: { expected: 2, received: 0, missing: 1, late: 1, awaited: 0 },
    all: { expected: 3, received: 1, missing: 1, late: 1, awaited: 0 },
  },
  completion: 33.3,
};
