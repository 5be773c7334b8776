import { C, describeRule, doc, mech } from './harness.ts';

const withCharter = (charter: boolean | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { governance: charter === undefined ? { plenaryPerYear: 1 } : { charter }, ...overrides });

describeRule('clsm-no-charter', {
  fires: [
    {
      name: 'no charter nor partnership agreement',
      doc: doc({ mechanisms: [withCharter(false)] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le CLSM clsm-niort n'a ni charte ni convention de partenariat\.$/, severity: 'info' }],
    },
    {
      name: 'a CLSM active until its end date, later than the reference date',
      doc: doc({ mechanisms: [withCharter(false, { status: 'ended', dates: { start: '2015-01-01', end: '2025-12-31' } })] }),
      findings: [{ subjects: ['clsm-niort'] }],
    },
  ],
  passes: [
    { name: 'a charter', doc: doc({ mechanisms: [withCharter(true)] }) },
    { name: 'charter unknown', doc: doc({ mechanisms: [withCharter(undefined)] }) },
    { name: 'governance unknown', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'a dormant CLSM', doc: doc({ mechanisms: [withCharter(false, { status: 'dormant' })] }) },
  ],
});
