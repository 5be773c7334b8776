import { C, describeRule, doc, mech } from './harness.ts';

const withMeetings = (meetingsPerYear: number | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { governance: { copil: meetingsPerYear === undefined ? { roles: ['elu'] } : { meetingsPerYear } }, ...overrides });

describeRule('clsm-copil-frequency', {
  fires: [
    {
      name: 'one COPIL meeting a year',
      doc: doc({ mechanisms: [withMeetings(1)] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le COPIL du CLSM clsm-niort ne se réunit qu'une fois par an \(deux réunions attendues\)\.$/, severity: 'warning' }],
    },
    {
      name: 'no COPIL meeting at all',
      doc: doc({ mechanisms: [withMeetings(0)] }),
      findings: [{ subjects: ['clsm-niort'], message: /ne se réunit pas/ }],
    },
  ],
  passes: [
    { name: 'exactly two meetings a year', doc: doc({ mechanisms: [withMeetings(2)] }) },
    { name: 'four meetings a year', doc: doc({ mechanisms: [withMeetings(4)] }) },
    { name: 'frequency unknown (COPIL described without it)', doc: doc({ mechanisms: [withMeetings(undefined)] }) },
    { name: 'governance unknown', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'a CLSM in preparation', doc: doc({ mechanisms: [withMeetings(0, { status: 'project' })] }) },
    { name: 'not a CLSM', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { governance: { copil: { meetingsPerYear: 1 } } })] }) },
  ],
});
