import { EPCI, describeRule, doc, mech } from './harness.ts';

const ptsm79 = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] } });

describeRule('ptsm-overlap', {
  fires: [
    {
      name: 'a PTSM of the Deux-Sèvres and a PTSM of the CA du Niortais',
      doc: doc({ mechanisms: [ptsm79, mech('ptsm-niortais', 'PTSM', [], { territory: { epci: [EPCI.niortais] } })] }),
      findings: [{ subjects: ['ptsm-79', 'ptsm-niortais'], message: /^Le PTSM ptsm-79 et le PTSM ptsm-niortais se chevauchent sur 40 communes \(123\s326 habitants\)\.$/, severity: 'warning' }],
    },
    {
      name: 'two PTSMs declared on the same département',
      doc: doc({ mechanisms: [ptsm79, mech('ptsm-79-bis', 'PTSM', [], { territory: { departements: ['79'] } })] }),
      findings: [{ subjects: ['ptsm-79', 'ptsm-79-bis'], message: /252 communes/ }],
    },
    {
      name: 'an ended PTSM is still active until its end date',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [ptsm79, mech('ptsm-old', 'PTSM', [], { territory: { departements: ['79'] }, status: 'ended', dates: { start: '2019-01-01', end: '2025-06-01' } })] }),
      findings: [{ subjects: ['ptsm-79', 'ptsm-old'] }],
    },
  ],
  passes: [
    { name: 'neighbouring départements', doc: doc({ mechanisms: [ptsm79, mech('ptsm-86', 'PTSM', [], { territory: { departements: ['86'] } })] }) },
    {
      name: 'the successor is still a project',
      doc: doc({ mechanisms: [ptsm79, mech('ptsm-79-next', 'PTSM', [], { territory: { departements: ['79'] }, status: 'project' })] }),
    },
    {
      name: 'the predecessor ended the day before the reference date',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [ptsm79, mech('ptsm-old', 'PTSM', [], { territory: { departements: ['79'] }, status: 'ended', dates: { start: '2019-01-01', end: '2025-05-31' } })] }),
    },
    {
      name: 'a PTSM and a DAC on the same département are not a same-kind overlap',
      doc: doc({ mechanisms: [ptsm79, mech('dac-79', 'DAC', [], { territory: { departements: ['79'] } })] }),
    },
  ],
});
