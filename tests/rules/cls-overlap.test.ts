import { C, EPCI, describeRule, doc, mech } from './harness.ts';

describeRule('cls-overlap', {
  fires: [
    {
      name: 'a commune CLS nested in an intercommunal CLS',
      doc: doc({ mechanisms: [mech('cls-niortais', 'CLS', [], { territory: { epci: [EPCI.niortais] } }), mech('cls-niort', 'CLS', [C.niort])] }),
      findings: [{ subjects: ['cls-niortais', 'cls-niort'], message: /^Le CLS cls-niortais et le CLS cls-niort se chevauchent sur 1 commune \(59\s854 habitants\)\.$/, severity: 'info' }],
    },
    {
      name: 'a CLS starting on the reference date is already active',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.paris]), mech('cls-b', 'CLS', [C.paris20], { dates: { start: '2025-06-01' } })] }),
      findings: [{ subjects: ['cls-a', 'cls-b'] }],
    },
  ],
  passes: [
    { name: 'disjoint territories', doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.niort]), mech('cls-b', 'CLS', [C.thouars])] }) },
    {
      name: 'the second CLS is signed but starts later',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.niort]), mech('cls-b', 'CLS', [C.niort], { dates: { signed: '2025-05-01', start: '2025-09-01' } })] }),
    },
    {
      name: 'an ended CLS without an end date is never active',
      doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.niort]), mech('cls-b', 'CLS', [C.niort], { status: 'ended' })] }),
    },
    {
      name: 'a CLS and a CLSM on the same commune',
      doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.niort]), mech('clsm-a', 'CLSM', [C.niort])] }),
    },
  ],
});
