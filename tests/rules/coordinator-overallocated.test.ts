import { C, describeRule, doc, mech } from './harness.ts';

const people = [
  { id: 'coord-a', label: 'Coordination A', trained: true },
  { id: 'coord-b', label: 'Coordination B' },
];
const coordinated = (id: string, kind: 'CLSM' | 'CLS' | 'ASV' | 'CPTS', commune: string, coordinators: { person: string; fte?: number }[], overrides = {}) =>
  mech(id, kind, [commune], { coordinators, ...overrides });

describeRule('coordinator-overallocated', {
  fires: [
    {
      name: '0.6 FTE on a CLSM and 0.5 FTE on a CLS',
      doc: doc({
        people,
        mechanisms: [coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.6 }]), coordinated('cls-melle', 'CLS', C.melle, [{ person: 'coord-a', fte: 0.5 }])],
      }),
      findings: [{ subjects: ['coord-a', 'clsm-niort', 'cls-melle'], message: /^Coordination A coordonne 2 dispositifs actifs pour un total de 1,1 ETP : le CLSM clsm-niort et le CLS cls-melle\.$/, severity: 'warning' }],
    },
    {
      name: 'three mechanisms of different kinds at 0.4 FTE each',
      doc: doc({
        people,
        mechanisms: [
          coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.4 }]),
          coordinated('asv-niort', 'ASV', C.niort, [{ person: 'coord-a', fte: 0.4 }, { person: 'coord-b', fte: 0.4 }]),
          coordinated('cpts-melle', 'CPTS', C.melle, [{ person: 'coord-a', fte: 0.4 }]),
        ],
      }),
      findings: [{ subjects: ['coord-a', 'clsm-niort', 'asv-niort', 'cpts-melle'], message: /3 dispositifs actifs pour un total de 1,2 ETP/ }],
    },
    {
      name: 'a mechanism without FTE is not listed among the subjects',
      doc: doc({
        people,
        mechanisms: [
          coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 1 }]),
          coordinated('cls-melle', 'CLS', C.melle, [{ person: 'coord-a', fte: 0.2 }]),
          coordinated('cls-bressuire', 'CLS', C.bressuire, [{ person: 'coord-a' }]),
        ],
      }),
      findings: [{ subjects: ['coord-a', 'clsm-niort', 'cls-melle'] }],
    },
  ],
  passes: [
    {
      name: 'exactly one full-time equivalent',
      doc: doc({
        people,
        mechanisms: [coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.5 }]), coordinated('cls-niort', 'CLS', C.niort, [{ person: 'coord-a', fte: 0.5 }])],
      }),
    },
    {
      name: '0.1 + 0.2 + 0.7 is one FTE despite floating-point rounding',
      doc: doc({
        people,
        mechanisms: [
          coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.1 }]),
          coordinated('cls-niort', 'CLS', C.niort, [{ person: 'coord-a', fte: 0.2 }]),
          coordinated('asv-niort', 'ASV', C.niort, [{ person: 'coord-a', fte: 0.7 }]),
        ],
      }),
    },
    {
      name: 'the second mechanism is dormant',
      doc: doc({
        people,
        mechanisms: [
          coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.8 }]),
          coordinated('cls-niort', 'CLS', C.niort, [{ person: 'coord-a', fte: 0.8 }], { status: 'dormant' }),
        ],
      }),
    },
    {
      name: 'FTE unknown on one of the two mechanisms',
      doc: doc({
        people,
        mechanisms: [coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.8 }]), coordinated('cls-niort', 'CLS', C.niort, [{ person: 'coord-a' }])],
      }),
    },
    {
      name: 'two people sharing a mechanism are counted separately',
      doc: doc({
        people,
        mechanisms: [coordinated('clsm-niort', 'CLSM', C.niort, [{ person: 'coord-a', fte: 0.8 }, { person: 'coord-b', fte: 0.8 }])],
      }),
    },
  ],
});
