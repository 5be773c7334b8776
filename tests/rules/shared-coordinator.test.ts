import { C, describeRule, doc, mech } from './harness.ts';

const people = [
  { id: 'coord-a', label: 'Coordination A' },
  { id: 'coord-b', label: 'Coordination B' },
];
const by = (person: string, fte?: number) => ({ coordinators: [fte === undefined ? { person } : { person, fte }] });

describeRule('shared-coordinator', {
  fires: [
    {
      name: 'the same person coordinates the CLS and the CLSM of Niort',
      doc: doc({ people, mechanisms: [mech('cls-niort', 'CLS', [C.niort], by('coord-a', 0.5)), mech('clsm-niort', 'CLSM', [C.niort], by('coord-a', 0.5))] }),
      findings: [{ subjects: ['coord-a', 'cls-niort', 'clsm-niort'], message: /^Coordination A coordonne à la fois le CLS cls-niort et le CLSM clsm-niort\.$/, severity: 'warning' }],
    },
    {
      name: 'even on different territories and with unknown FTE',
      doc: doc({ people, mechanisms: [mech('cls-melle', 'CLS', [C.melle], by('coord-a')), mech('clsm-niort', 'CLSM', [C.niort], by('coord-a'))] }),
      findings: [{ subjects: ['coord-a', 'cls-melle', 'clsm-niort'] }],
    },
    {
      name: 'one finding per (person, CLS, CLSM)',
      doc: doc({
        people,
        mechanisms: [
          mech('cls-niort', 'CLS', [C.niort], by('coord-a', 0.3)),
          mech('cls-melle', 'CLS', [C.melle], by('coord-a', 0.3)),
          mech('clsm-niort', 'CLSM', [C.niort], { coordinators: [{ person: 'coord-a', fte: 0.3 }, { person: 'coord-b', fte: 0.5 }] }),
          mech('cls-bressuire', 'CLS', [C.bressuire], by('coord-b', 0.5)),
        ],
      }),
      findings: [
        { subjects: ['coord-a', 'cls-niort', 'clsm-niort'] },
        { subjects: ['coord-a', 'cls-melle', 'clsm-niort'] },
        { subjects: ['coord-b', 'cls-bressuire', 'clsm-niort'] },
      ],
    },
  ],
  passes: [
    {
      name: 'distinct coordinators',
      doc: doc({ people, mechanisms: [mech('cls-niort', 'CLS', [C.niort], by('coord-a', 1)), mech('clsm-niort', 'CLSM', [C.niort], by('coord-b', 1))] }),
    },
    {
      name: 'the CLS has ended',
      doc: doc({
        people,
        mechanisms: [
          mech('cls-niort', 'CLS', [C.niort], { ...by('coord-a'), status: 'ended', dates: { start: '2018-01-01', end: '2022-12-31' } }),
          mech('clsm-niort', 'CLSM', [C.niort], by('coord-a')),
        ],
      }),
    },
    {
      name: 'the CLSM is only a project',
      doc: doc({ people, mechanisms: [mech('cls-niort', 'CLS', [C.niort], by('coord-a')), mech('clsm-niort', 'CLSM', [C.niort], { ...by('coord-a'), status: 'project' })] }),
    },
    {
      name: 'one person for a CLSM and an ASV',
      doc: doc({ people, mechanisms: [mech('asv-niort', 'ASV', [C.niort], by('coord-a')), mech('clsm-niort', 'CLSM', [C.niort], by('coord-a'))] }),
    },
    {
      name: 'one person for two CLSMs',
      doc: doc({ people, mechanisms: [mech('clsm-melle', 'CLSM', [C.melle], by('coord-a')), mech('clsm-niort', 'CLSM', [C.niort], by('coord-a'))] }),
    },
  ],
});
