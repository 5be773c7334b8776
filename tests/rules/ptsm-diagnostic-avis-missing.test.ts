import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const ptsm = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' } });
const clsm = (start: string, overrides = {}) => mech('clsm-niort', 'CLSM', [C.niort], { dates: { start }, ...overrides });

describeRule('ptsm-diagnostic-avis-missing', {
  fires: [
    {
      name: 'a CLSM active at the adoption of the diagnostic gave no avis on it',
      doc: doc({ mechanisms: [ptsm, clsm('2015-01-01')] }),
      findings: [
        {
          subjects: ['clsm-niort', 'ptsm-79'],
          severity: 'error',
          message: /^Le CLSM clsm-niort n'a pas donné son avis sur le diagnostic territorial partagé du PTSM ptsm-79, adopté le 5 juillet 2019\.$/,
          fixMessage: /^Enregistrer l'avis du CLSM clsm-niort sur le diagnostic territorial partagé\.$/,
          fixLink: { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic' },
        },
      ],
    },
    {
      name: 'only the avis on the project was given',
      doc: doc({
        mechanisms: [ptsm, clsm('2015-01-01')],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable' }],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'] }],
    },
    {
      name: 'the CLSM started on the very day the diagnostic was adopted',
      doc: doc({ mechanisms: [ptsm, clsm('2019-07-05')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'] }],
    },
    {
      name: 'diagnostic adoption date unknown: the avis was due before the project was adopted',
      doc: doc({ mechanisms: [{ ...ptsm, dates: { start: '2021-06-09', adopted: '2021-06-09' } }, clsm('2020-01-01')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], message: /date d'adoption du diagnostic inconnue.*9 juin 2021/ }],
    },
    {
      name: 'a PTSM in preparation whose diagnostic was adopted last month without the avis: an error, the most actionable there is',
      asOf: '2026-12-07',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-10-15', adopted: '2027-03-01' } }, clsm('2015-01-01')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'error', message: /adopté le 15 octobre 2026\.$/ }],
    },
    {
      name: "a PTSM in preparation, the CLSM's creation date unknown: a warning « à vérifier »",
      asOf: '2026-12-07',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-10-15' } }, mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'warning', message: /Sa date de création n'est pas renseignée : à vérifier/ }],
    },
    {
      name: 'an EPCI CLSM without avis next to a commune CLSM that gave it',
      doc: doc({
        mechanisms: [ptsm, clsm('2015-01-01'), mech('clsm-bressuirais', 'CLSM', [], { territory: { epci: [EPCI.bressuirais] }, dates: { start: '2018-01-01' } })],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', date: '2019-05-01', opinion: 'favorable' }],
      }),
      findings: [{ subjects: ['clsm-bressuirais', 'ptsm-79'] }],
    },
  ],
  passes: [
    {
      name: 'the avis on the diagnostic was given before its adoption',
      doc: doc({
        mechanisms: [ptsm, clsm('2015-01-01')],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', date: '2019-05-01', opinion: 'favorable' }],
      }),
    },
    {
      name: 'the CLSM was created between the diagnostic and the project (only the project avis is due)',
      doc: doc({ mechanisms: [ptsm, clsm('2019-07-06')] }),
    },
    {
      name: 'an avis given after the adoption is late, not missing (ptsm-avis-late reports it)',
      doc: doc({
        mechanisms: [ptsm, clsm('2015-01-01')],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', date: '2019-09-01' }],
      }),
    },
    {
      name: 'the PTSM is in preparation and its diagnostic not yet adopted: the avis is awaited',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-01-15' } }, clsm('2015-01-01')] }),
    },
    {
      name: 'a PTSM in preparation without a diagnostic date is not judged against its planned project date',
      asOf: '2027-06-01',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { adopted: '2027-03-01' } }, clsm('2015-01-01')] }),
    },
    {
      name: 'a PTSM in preparation: the CLSM dormant at the diagnostic\'s adoption did not owe it',
      asOf: '2026-12-07',
      doc: doc({
        mechanisms: [
          { ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-10-15' } },
          clsm('2015-01-01', { status: 'dormant', statusHistory: [{ status: 'active', from: '2015-01-01' }, { status: 'dormant', from: '2024-03-01' }] }),
        ],
      }),
    },
    {
      name: 'the PTSM has ended before the reference date',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'ended', dates: { ...ptsm.dates, end: '2024-12-31' } }, clsm('2015-01-01')] }),
    },
    {
      name: 'the CLSM was dormant',
      doc: doc({ mechanisms: [ptsm, clsm('2015-01-01', { status: 'dormant' })] }),
    },
    {
      name: 'the CLSM is outside the PTSM territory',
      doc: doc({ mechanisms: [ptsm, mech('clsm-paris', 'CLSM', [C.paris20], { dates: { start: '2015-01-01' } })] }),
    },
  ],
});
