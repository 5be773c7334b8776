import { describeRule, doc, mech } from './harness.ts';

const ptsm = (adopted: string | undefined, overrides = {}) =>
  mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, ...(adopted ? { dates: { adopted } } : {}), ...overrides });

describeRule('ptsm-expired', {
  fires: [
    {
      name: 'adopted six years before the reference date',
      doc: doc({ mechanisms: [ptsm('2019-06-09')] }),
      findings: [{ subjects: ['ptsm-79'], message: /^Le PTSM ptsm-79, adopté le 9 juin 2019, est arrivé à échéance le 9 juin 2024 \(durée de validité : 5 ans\)\.$/, severity: 'warning' }],
    },
    {
      name: 'five years and one day',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [ptsm('2020-05-31')] }),
      findings: [{ subjects: ['ptsm-79'], message: /31 mai 2025/ }],
    },
    {
      name: 'adopted on 29 February: due on 28 February five years later',
      asOf: '2025-03-01',
      doc: doc({ mechanisms: [ptsm('2020-02-29')] }),
      findings: [{ subjects: ['ptsm-79'], message: /28 février 2025/ }],
    },
    {
      name: 'a profile shortens the validity to 3 years',
      profile: { settings: { ptsmValidityYears: 3 } },
      doc: doc({ mechanisms: [ptsm('2021-06-09')] }),
      findings: [{ subjects: ['ptsm-79'], message: /3 ans/ }],
    },
    {
      name: 'a successor in preparation covers its territory: information naming it',
      doc: doc({ mechanisms: [ptsm('2019-06-09'), mech('ptsm-79-next', 'PTSM', [], { name: 'PTSM des Deux-Sèvres 2025-2030', status: 'project', territory: { departements: ['79'] } })] }),
      findings: [
        {
          subjects: ['ptsm-79'],
          severity: 'info',
          message: /^Le PTSM ptsm-79, adopté le 9 juin 2019, est arrivé à échéance le 9 juin 2024 \(durée de validité : 5 ans\) ; le PTSM des Deux-Sèvres 2025-2030, en préparation, lui succède sur tout son territoire\.$/,
          fixMessage: /^Mener à son terme l'adoption du PTSM des Deux-Sèvres 2025-2030/,
        },
      ],
    },
    {
      name: 'a PTSM adopted since covers its territory: information, close the old one',
      doc: doc({ mechanisms: [mech('ptsm-nord', 'PTSM', ['79049'], { dates: { adopted: '2019-01-15' } }), ptsm('2021-06-09', { name: 'PTSM des Deux-Sèvres' })] }),
      asOf: '2026-12-07',
      findings: [
        { subjects: ['ptsm-nord'], severity: 'info', fixMessage: /^Clore le PTSM ptsm-nord \(statut « terminé » et date de fin\) : le PTSM des Deux-Sèvres lui a succédé\.$/ },
        { subjects: ['ptsm-79'], severity: 'warning' },
      ],
    },
    {
      name: 'a PTSM in preparation on part of its territory is no successor',
      doc: doc({ mechanisms: [ptsm('2019-06-09'), mech('ptsm-nord-next', 'PTSM', ['79049'], { status: 'project' })] }),
      findings: [{ subjects: ['ptsm-79'], severity: 'warning' }],
    },
  ],
  passes: [
    { name: 'adopted four years ago', doc: doc({ mechanisms: [ptsm('2021-06-09')] }) },
    { name: 'exactly five years on the reference date', asOf: '2025-06-01', doc: doc({ mechanisms: [ptsm('2020-06-01')] }) },
    { name: 'adopted on 29 February, reference date 28 February five years later', asOf: '2025-02-28', doc: doc({ mechanisms: [ptsm('2020-02-29')] }) },
    { name: 'adoption date unknown', doc: doc({ mechanisms: [ptsm(undefined)] }) },
    { name: 'a PTSM in preparation', doc: doc({ mechanisms: [ptsm('2018-01-01', { status: 'project' })] }) },
    { name: 'a PTSM that ended (replaced)', doc: doc({ mechanisms: [ptsm('2014-06-01', { status: 'ended', dates: { adopted: '2014-06-01', end: '2019-06-01' } })] }) },
  ],
});
