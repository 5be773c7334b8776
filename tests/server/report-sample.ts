// A département report as the report builder will make it, with realistic French content: the
// Deux-Sèvres's real communes and populations, ~200 findings of every severity in mixed order,
// a 300-row table whose rows wrap, a map from data/geo and a yearly chart. Used by the PDF tests
// and `npm run bench:report`.
import { REPORT_FORMAT, type ReportDocument, type ReportFinding } from '../../model/report.ts';
import type { Severity } from '../../model/rules/types.ts';
import { loadTerritories } from '../../server/territories.ts';

interface Commune {
  code: string;
  name: string;
  population: number;
}

const LOI = 'Loi (code de la santé publique)';
const REFERENTIEL = 'Référentiel (instruction du 13 mai 2025, non opposable)';
const COHERENCE = 'Cohérence des données';

// One template per kind of finding; `c` is a commune that makes each message distinct.
const TEMPLATES: { severity: Severity; title: string; basis: string; reference: string; message: (c: Commune) => string; fix: (c: Commune) => string }[] = [
  {
    severity: 'error',
    title: 'Avis du CLSM manquant sur le projet de PTSM',
    basis: LOI,
    reference: 'CSP L.3221-2 IV ; instruction du 13 mai 2025, annexe 2',
    message: (c) => `Le CLSM de ${c.name}, actif à l'adoption du PTSM des Deux-Sèvres le 9 juin 2021, n'a pas donné son avis sur le projet.`,
    fix: (c) => `Enregistrer l'avis du CLSM de ${c.name} sur le projet de PTSM des Deux-Sèvres, ou signaler qu'il n'a pas été sollicité.`,
  },
  {
    severity: 'warning',
    title: 'CLS et CLSM sans lien sur un même territoire',
    basis: REFERENTIEL,
    reference: 'Instruction du 13 mai 2025, annexe 1 §8',
    message: (c) => `Le CLS du Pays de ${c.name} et le CLSM du Bocage bressuirais partagent ${c.population} habitants sans lien déclaré : « développer conjointement » ?`,
    fix: (c) => `Déclarer l'articulation entre le CLS du Pays de ${c.name} et le CLSM (COPIL commun, feuille de route partagée).`,
  },
  {
    severity: 'info',
    title: 'Commune non couverte par un CLSM actif',
    basis: REFERENTIEL,
    reference: 'Instruction du 13 mai 2025, §III',
    message: (c) => `${c.name} (${c.population} habitants) n'est couverte par aucun CLSM actif ; le PTSM prévoit l'objectif « création de CLSM ».`,
    fix: (c) => `Étudier avec les élus de ${c.name} l'extension d'un CLSM voisin ou la création d'un CLSM intercommunal.`,
  },
  {
    severity: 'warning',
    title: 'Coordinateur à plus d’un temps plein',
    basis: COHERENCE,
    reference: 'Cohérence des données',
    message: (c) => `La coordinatrice du CLSM de ${c.name} cumule 1,3 ETP sur trois dispositifs actifs : œuvre commune ou erreur de saisie ?`,
    fix: (c) => `Corriger les ETP de la coordination du CLSM de ${c.name} (total attendu : 1 ETP au plus).`,
  },
  {
    severity: 'info',
    title: 'Plénière annuelle non renseignée',
    basis: REFERENTIEL,
    reference: 'Instruction du 13 mai 2025, annexe 1 §5',
    message: (c) => `Le CLSM de ${c.name} ne déclare pas de plénière annuelle ; l'information est inconnue, pas manquante.`,
    fix: (c) => `Renseigner le nombre de plénières par an du CLSM de ${c.name}.`,
  },
  {
    severity: 'error',
    title: 'Volet santé mentale absent du CLS',
    basis: LOI,
    reference: 'CSP L.1434-10 IV (loi 3DS du 21 février 2022)',
    message: (c) => `Le CLS de ${c.name}, signé le 3 mars 2023, n'a pas de volet santé mentale ni de lien « volet santé mentale » vers un CLSM.`,
    fix: (c) => `Ajouter un volet santé mentale au CLS de ${c.name}, ou le lier au CLSM qui en tient lieu.`,
  },
  {
    severity: 'info',
    title: 'Contribution du CLSM au PTSM non déclarée',
    basis: REFERENTIEL,
    reference: 'Instruction du 13 mai 2025, annexe 2',
    message: (c) => `Le CLSM de ${c.name} ne déclare pas de contribution au PTSM des Deux-Sèvres.`,
    fix: (c) => `Déclarer la contribution du CLSM de ${c.name} au PTSM (groupes de travail, diagnostic partagé).`,
  },
];

/** The Deux-Sèvres's communes (252) then the Vienne's, as many as asked. */
function communes(count: number): Commune[] {
  const territories = loadTerritories();
  const list = [...territories.describe('79')!.communes, ...territories.describe('86')!.communes];
  return list.slice(0, count);
}

export function sampleFindings(count = 210): ReportFinding[] {
  const list = communes(count);
  return list.map((c, i) => {
    const t = TEMPLATES[i % TEMPLATES.length];
    return { severity: t.severity, title: t.title, basis: t.basis, reference: t.reference, message: t.message(c), fix: t.fix(c) };
  });
}

/** Remarks that wrap over two or three lines in their column; each ends with an unbreakable marker of its row. */
const REMARKS = [
  'Couverte par le CLSM du Niortais et le CLS de l’agglomération ; avis rendu sur le diagnostic',
  'Aucun dispositif actif ; zone blanche signalée au comité départemental',
  'CPTS du Haut Val de Sèvre ; CLSM en préparation (projet 2027)',
];

export function sampleTableRows(count = 300): (string | number)[][] {
  return communes(count).map((c, i) => [c.name, c.code.startsWith('79') ? 'Deux-Sèvres' : 'Vienne', c.population, `${REMARKS[i % REMARKS.length]} (ligne\u00a0${i + 1})`]);
}

export const SAMPLE_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

export function sampleReport(options: { findings?: number; rows?: number; map?: boolean } = {}): ReportDocument {
  const deuxSevres = communes(252).filter((c) => c.code.startsWith('79'));
  const category = (c: Commune, i: number) => (c.population >= 3000 || i % 5 === 0 ? 'clsm' : i % 3 === 0 ? 'cls' : 'none');
  return {
    format: REPORT_FORMAT,
    title: 'Rapport départemental — Deux-Sèvres',
    cover: {
      territory: 'Deux-Sèvres (79)',
      subtitle: 'Articulation des CLS, CLSM et PTSM',
      asOf: '2026-09-01',
      generatedAt: '2026-09-03T12:05:00Z',
      generatedBy: 'Claire Martin (ARS Nouvelle-Aquitaine, délégation des Deux-Sèvres)',
      dataVersion: 'version 128 du 2 septembre 2026',
      notes: ['Ce rapport décrit les dispositifs actifs au 1er septembre 2026 et les constats qui en découlent. Les informations inconnues sont signalées comme telles : une donnée absente n’est pas une donnée fausse.'],
    },
    blocks: [
      {
        kind: 'section',
        title: 'Chiffres clés',
        blocks: [
          {
            kind: 'key-figures',
            figures: [
              { label: 'CLSM actifs', value: 4, format: 'integer', detail: 'dont 1 intercommunal' },
              { label: 'Population couverte par un CLSM', value: 61.4, format: 'percent', detail: '230 412 habitants sur 375 000' },
              { label: 'Population couverte par un CLS', value: 78.2, format: 'percent' },
              { label: 'Avis des CLSM recueillis', value: 75, format: 'percent', detail: '3 avis sur 4 attendus' },
              { label: 'CLSM avec usagers et aidants au COPIL', value: null, format: 'percent', detail: 'composition inconnue pour 2 CLSM' },
              { label: 'Communes en zone blanche', value: 131, format: 'integer' },
            ],
          },
          {
            kind: 'chart',
            title: 'Population couverte par type de dispositif, au 31 décembre de chaque année',
            format: 'percent',
            years: SAMPLE_YEARS,
            series: [
              { label: 'CLSM', values: [22.5, 22.5, 35.1, 48.0, 48.0, 55.3, 61.4, 61.4] },
              { label: 'CLS', values: [40.2, 51.0, 51.0, 63.7, 70.1, 78.2, 78.2, 78.2] },
              { label: 'CPTS', values: [null, null, 12.4, 30.8, 44.0, 59.9, 70.5, 83.1] },
            ],
          },
        ],
      },
      {
        kind: 'section',
        title: 'Carte de la couverture',
        blocks: [
          options.map === false
            ? { kind: 'map', title: 'Couverture des communes par les CLSM et les CLS', placeholder: 'La carte de la couverture et des zones blanches sera disponible avec la vue Carte.' }
            : {
                kind: 'map',
                title: 'Couverture des communes par les CLSM et les CLS',
                data: {
                  departements: ['79'],
                  categories: [
                    { id: 'clsm', label: 'Couverte par un CLSM actif', colour: '#000091' },
                    { id: 'cls', label: 'Couverte par un CLS seulement', colour: '#8585f6' },
                    { id: 'none', label: 'Zone blanche (ni CLSM ni CLS)', colour: '#f4c7a1' },
                  ],
                  communes: deuxSevres.map((c, i) => ({ code: c.code, category: category(c, i) })),
                },
              },
        ],
      },
      {
        kind: 'section',
        title: 'Constats',
        pageBreakBefore: true,
        blocks: [{ kind: 'findings', findings: sampleFindings(options.findings ?? 210) }],
      },
      {
        kind: 'section',
        title: 'Avis des CLSM sur le PTSM des Deux-Sèvres',
        pageBreakBefore: true,
        blocks: [
          { kind: 'paragraph', text: 'Projet adopté le 9 juin 2021 ; diagnostic adopté le 5 juillet 2019.' },
          {
            kind: 'table',
            title: 'Liste de contrôle des avis',
            columns: [{ label: 'CLSM', width: 3 }, { label: 'Étape', width: 2 }, { label: 'État', width: 2 }, { label: 'Date de l’avis', width: 2, format: 'date' }],
            rows: [
              ['CLSM de Niort', 'Diagnostic', 'Reçu', '2019-05-14'],
              ['CLSM de Niort', 'Projet', 'Reçu', '2021-03-15'],
              ['CLSM du Bocage bressuirais', 'Projet', 'Reçu en retard', '2021-07-02'],
              ['CLSM de Parthenay-Gâtine', 'Projet', 'Manquant', null],
            ],
          },
        ],
      },
      {
        kind: 'section',
        title: 'Communes et couverture',
        pageBreakBefore: true,
        blocks: [
          {
            kind: 'table',
            title: 'Communes, population et dispositifs',
            columns: [{ label: 'Commune', width: 3 }, { label: 'Département', width: 2 }, { label: 'Population', width: 1.5, format: 'integer' }, { label: 'Remarque', width: 4 }],
            rows: sampleTableRows(options.rows ?? 300),
          },
          { kind: 'table', title: 'Communes non couvertes de plus de 10 000 habitants', columns: [{ label: 'Commune' }, { label: 'Population', format: 'integer' }], rows: [], empty: 'Aucune commune de plus de 10 000 habitants n’est en zone blanche.' },
        ],
      },
    ],
  };
}
