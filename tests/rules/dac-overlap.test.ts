import { EPCI, describeRule, doc, mech } from './harness.ts';

const dac79 = mech('dac-79', 'DAC', [], { territory: { departements: ['79'] } });

describeRule('dac-overlap', {
  fires: [
    {
      name: 'a départemental DAC and a DAC on the Bocage bressuirais',
      doc: doc({ mechanisms: [dac79, mech('dac-bressuirais', 'DAC', [], { territory: { epci: [EPCI.bressuirais] } })] }),
      findings: [{ subjects: ['dac-79', 'dac-bressuirais'], message: /^Le DAC dac-79 et le DAC dac-bressuirais se chevauchent sur 33 communes \(74\s172 habitants\)\.$/, severity: 'info' }],
    },
    {
      name: 'a profile raises the severity',
      profile: { severities: { 'dac-overlap': 'warning' } },
      doc: doc({ mechanisms: [dac79, mech('dac-79-bis', 'DAC', [], { territory: { departements: ['79'] } })] }),
      findings: [{ subjects: ['dac-79', 'dac-79-bis'], severity: 'warning' }],
    },
  ],
  passes: [
    { name: 'neighbouring départements', doc: doc({ mechanisms: [dac79, mech('dac-86', 'DAC', [], { territory: { departements: ['86'] } })] }) },
    {
      name: 'the second DAC is only a project',
      doc: doc({ mechanisms: [dac79, mech('dac-niortais', 'DAC', [], { territory: { epci: [EPCI.niortais] }, status: 'project' })] }),
    },
    {
      name: 'a profile turns the rule off',
      profile: { severities: { 'dac-overlap': 'off' } },
      doc: doc({ mechanisms: [dac79, mech('dac-79-bis', 'DAC', [], { territory: { departements: ['79'] } })] }),
    },
  ],
});
