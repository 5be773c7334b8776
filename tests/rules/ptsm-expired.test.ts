import { describeRule, doc, mech } from './harness.ts';

const ptsm = (adopted: string | undefined, overrides = {}) =>
  mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, ...(adopted ? { dates: { adopted } } : {}), ...overrides });

describeRule('ptsm-expired', {
  fires: [
    {
      name: 'adopted six years before the reference date',
      doc: doc({ mechanisms: [ptsm('2019-06-09')] }),
      findings: [{ subjects: ['ptsm-79'], severity: 'warning', message: /adopté le 9 juin 2019.*échéance le 9 juin 2024.*5 ans/ }],
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
