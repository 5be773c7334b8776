import { C, describeRule, doc, mech } from './harness.ts';

const people = [
  { id: 'coord-a', label: 'Camille Martin', trained: false },
  { id: 'coord-b', label: 'Dominique Petit', trained: true },
  { id: 'coord-c', label: 'Sacha Bernard' },
  { id: 'coord-d', label: 'Alex Durand', trained: false },
];

describeRule('clsm-coordinator-untrained', {
  fires: [
    {
      name: 'a coordinator declared untrained',
      doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [{ person: 'coord-a', fte: 1 }] })] }),
      findings: [{ subjects: ['clsm-niort', 'coord-a'], message: /^Camille Martin, qui coordonne le CLSM clsm-niort, n'a pas suivi la formation nationale des coordonnateurs de CLSM\.$/, severity: 'info' }],
    },
    {
      name: 'one finding per CLSM and untrained person',
      doc: doc({
        people,
        mechanisms: [
          mech('clsm-niort', 'CLSM', [C.niort], {
            coordinators: [{ person: 'coord-a', fte: 0.3 }, { person: 'coord-b', fte: 0.3 }, { person: 'coord-d', fte: 0.2 }],
          }),
          mech('clsm-melle', 'CLSM', [C.melle], { coordinators: [{ person: 'coord-a', fte: 0.5 }, { person: 'coord-c' }] }),
        ],
      }),
      findings: [{ subjects: ['clsm-niort', 'coord-a'] }, { subjects: ['clsm-niort', 'coord-d'] }, { subjects: ['clsm-melle', 'coord-a'] }],
    },
  ],
  passes: [
    { name: 'a trained coordinator', doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [{ person: 'coord-b' }] })] }) },
    { name: 'training unknown: not a breach', doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [{ person: 'coord-c' }] })] }) },
    { name: 'coordination unknown', doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    {
      name: 'the CLSM is dormant',
      doc: doc({ people, mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { status: 'dormant', coordinators: [{ person: 'coord-a' }] })] }),
    },
    {
      name: 'an untrained coordinator of a CLS is not checked',
      doc: doc({ people, mechanisms: [mech('cls-niort', 'CLS', [C.niort], { coordinators: [{ person: 'coord-a' }] })] }),
    },
  ],
});
