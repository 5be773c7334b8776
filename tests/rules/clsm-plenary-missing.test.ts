import { C, describeRule, doc, mech } from './harness.ts';

const withPlenary = (plenaryPerYear: number | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { governance: plenaryPerYear === undefined ? { charter: true } : { plenaryPerYear }, ...overrides });

describeRule('clsm-plenary-missing', {
  fires: [
    {
      name: 'no plenary assembly in the year',
      doc: doc({ mechanisms: [withPlenary(0)] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le CLSM clsm-niort ne tient pas d'assemblée plénière annuelle\.$/, severity: 'warning' }],
    },
    {
      name: 'only the CLSMs without plenary',
      doc: doc({ mechanisms: [withPlenary(0), mech('clsm-melle', 'CLSM', [C.melle], { governance: { plenaryPerYear: 1 } })] }),
      findings: [{ subjects: ['clsm-niort'] }],
    },
  ],
  passes: [
    { name: 'one plenary a year', doc: doc({ mechanisms: [withPlenary(1)] }) },
    { name: 'plenary frequency unknown', doc: doc({ mechanisms: [withPlenary(undefined)] }) },
    { name: 'a dormant CLSM', doc: doc({ mechanisms: [withPlenary(0, { status: 'dormant' })] }) },
    {
      name: 'an ended CLSM, after its end',
      doc: doc({ mechanisms: [withPlenary(0, { status: 'ended', dates: { start: '2015-01-01', end: '2024-12-31' } })] }),
    },
  ],
});
