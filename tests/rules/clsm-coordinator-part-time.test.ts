import { C, describeRule, doc, mech } from './harness.ts';

const people = [
  { id: 'coord-a', label: 'Coordination A' },
  { id: 'coord-b', label: 'Coordination B' },
  { id: 'coord-c', label: 'Coordination C' },
];
const clsm = (coordinators: { person: string; fte?: number }[] | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { ...(coordinators ? { coordinators } : {}), ...overrides });

describeRule('clsm-coordinator-part-time', {
  fires: [
    {
      name: 'a half-time coordinator',
      doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.5 }])] }),
      findings: [{ subjects: ['clsm-niort'], message: /^La coordination du CLSM clsm-niort représente 0,5 ETP \(un temps plein est recommandé\)\.$/, severity: 'info' }],
    },
    {
      name: 'two part-time coordinators totalling 0.9 FTE',
      doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.6 }, { person: 'coord-b', fte: 0.3 }])] }),
      findings: [{ subjects: ['clsm-niort'], message: /0,9 ETP/ }],
    },
  ],
  passes: [
    { name: 'a full-time coordinator', doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 1 }])] }) },
    { name: 'two half-time coordinators make a full time', doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.5 }, { person: 'coord-b', fte: 0.5 }])] }) },
    {
      name: '0.7 + 0.2 + 0.1 is a full time despite floating-point rounding',
      doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.7 }, { person: 'coord-b', fte: 0.2 }, { person: 'coord-c', fte: 0.1 }])] }),
    },
    { name: 'one FTE unknown: the total is unknown', doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.5 }, { person: 'coord-b' }])] }) },
    { name: 'no coordinator (left to clsm-coordinator-missing)', doc: doc({ mechanisms: [clsm([])] }) },
    { name: 'coordination unknown', doc: doc({ mechanisms: [clsm(undefined)] }) },
    { name: 'a dormant CLSM', doc: doc({ people, mechanisms: [clsm([{ person: 'coord-a', fte: 0.2 }], { status: 'dormant' })] }) },
  ],
});
