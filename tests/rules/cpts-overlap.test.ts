import { C, describeRule, doc, mech } from './harness.ts';

describeRule('cpts-overlap', {
  fires: [
    {
      name: 'two CPTS share Niort',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort, C.chauray]), mech('cpts-b', 'CPTS', [C.niort, C.aiffres])] }),
      findings: [{ subjects: ['cpts-a', 'cpts-b'], message: /^La CPTS cpts-a et la CPTS cpts-b se chevauchent sur 1 commune \(59\s854 habitants\)\.$/, severity: 'warning' }],
    },
    {
      name: 'three CPTS on the same commune: one finding per pair',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.melle]), mech('cpts-b', 'CPTS', [C.melle]), mech('cpts-c', 'CPTS', [C.melle, C.niort])] }),
      findings: [{ subjects: ['cpts-a', 'cpts-b'] }, { subjects: ['cpts-a', 'cpts-c'] }, { subjects: ['cpts-b', 'cpts-c'] }],
    },
  ],
  passes: [
    { name: 'disjoint territories', doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort]), mech('cpts-b', 'CPTS', [C.bressuire])] }) },
    {
      name: 'one of the two is dormant',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort]), mech('cpts-b', 'CPTS', [C.niort], { status: 'dormant' })] }),
    },
    {
      name: 'one of the two starts after the reference date',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort]), mech('cpts-b', 'CPTS', [C.niort], { dates: { start: '2025-06-02' } })] }),
    },
    {
      name: 'a CPTS and a CLS on the same commune',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort]), mech('cls-a', 'CLS', [C.niort])] }),
    },
  ],
});
