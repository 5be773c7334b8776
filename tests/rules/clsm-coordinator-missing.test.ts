import { C, describeRule, doc, mech } from './harness.ts';

const people = [{ id: 'coord-a', label: 'Coordination A' }];

describeRule('clsm-coordinator-missing', {
  fires: [
    {
      name: 'coordinators declared as an empty list',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [] })] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le CLSM clsm-niort n'a pas de coordonnateur\.$/, severity: 'warning' }],
    },
    {
      name: 'each CLSM without coordinator',
      doc: doc({
        people,
        mechanisms: [
          mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [] }),
          mech('clsm-melle', 'CLSM', [C.melle], { coordinators: [] }),
          mech('clsm-bressuire', 'CLSM', [C.bressuire], { coordinators: [{ person: 'coord-a', fte: 1 }] }),
        ],
      }),
      findings: [{ subjects: ['clsm-niort'] }, { subjects: ['clsm-melle'] }],
    },
  ],
  passes: [
    { name: 'a coordinator, even with unknown FTE', doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [{ person: 'coord-a' }] })] }) },
    { name: 'coordination unknown: reported as unknown, not as a breach', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'a CLSM in preparation has no coordinator yet', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [], status: 'project' })] }) },
    { name: 'a CLS without coordinator is not checked', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { coordinators: [] })] }) },
  ],
});
