import { C, describeRule, doc, mech } from './harness.ts';

const ptsm = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' } });
const clsm = mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } });
type Opinion = 'favorable' | 'favorable-reserves' | 'defavorable';
const avis = (opinion: Opinion | string | undefined, extra: Record<string, string> = {}) => ({
  id: 'avis-1',
  kind: 'avis' as const,
  from: 'clsm-niort',
  to: 'ptsm-79',
  stage: 'projet' as const,
  date: '2021-03-15',
  ...(opinion ? { opinion } : {}),
  ...extra,
});

describeRule('ptsm-avis-reserves', {
  fires: [
    {
      name: 'a favourable avis with reservations, no response recorded',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('favorable-reserves')] }),
      findings: [
        {
          subjects: ['clsm-niort', 'ptsm-79', 'avis-1'],
          severity: 'info',
          message: /^L'avis du CLSM clsm-niort sur le projet territorial du PTSM ptsm-79, du 15 mars 2021, est « favorable avec réserves » et rien n'indique comment le PTSM en a tenu compte\.$/,
          fixMessage: /^Enregistrer dans la réponse de cet avis comment le PTSM ptsm-79 a pris en compte les réserves du CLSM clsm-niort\.$/,
        },
      ],
    },
    {
      name: 'an unfavourable avis on the diagnostic, typed in French words in the file',
      doc: doc({ mechanisms: [ptsm, clsm], links: [{ ...avis('Défavorable'), stage: 'diagnostic', date: '2019-06-01' }] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'avis-1'], message: /diagnostic territorial partagé.*« défavorable »/ }],
    },
    {
      name: 'a PTSM in preparation whose diagnostic received « réservé »',
      asOf: '2026-12-07',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-10-15' } }, clsm], links: [{ ...avis('réservé'), stage: 'diagnostic', date: '2026-09-01' }] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'avis-1'] }],
    },
  ],
  passes: [
    { name: 'a favourable avis', doc: doc({ mechanisms: [ptsm, clsm], links: [avis('favorable')] }) },
    { name: 'an avis whose sense is not recorded', doc: doc({ mechanisms: [ptsm, clsm], links: [avis(undefined)] }) },
    {
      name: 'reservations the PTSM answered (response recorded)',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('favorable-reserves', { response: "Priorité logement ajoutée à l'axe 2" })] }),
    },
    { name: 'an avis given after the reference date (replay)', asOf: '2021-01-01', doc: doc({ mechanisms: [ptsm, clsm], links: [avis('defavorable')] }) },
    { name: 'the PTSM has ended', doc: doc({ mechanisms: [{ ...ptsm, status: 'ended', dates: { adopted: '2016-01-01', end: '2021-01-01' } }, clsm], links: [avis('defavorable')] }) },
  ],
});
