import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const cls = (communes: string[], overrides = {}) => mech('cls-a', 'CLS', communes, overrides);

describeRule('cls-clsm-unlinked', {
  fires: [
    {
      name: 'a CLS without mental-health component meets a CLSM: make the CLSM its component',
      doc: doc({ mechanisms: [cls([C.niort, C.chauray]), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [
        {
          subjects: ['cls-a', 'clsm-niort'],
          message: /^Le CLS cls-a et le CLSM clsm-niort partagent 1 commune \(59\s854 habitants\) sans lien déclaré entre eux\.$/,
          severity: 'warning',
          fixLink: { kind: 'volet-sante-mentale', from: 'cls-a', to: 'clsm-niort' },
        },
      ],
    },
    {
      name: 'a CLS that already has a component: an articulation is suggested',
      doc: doc({ mechanisms: [cls([C.niort], { mentalHealthComponent: true }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['cls-a', 'clsm-niort'], fixLink: { kind: 'articulation', from: 'cls-a', to: 'clsm-niort' } }],
    },
    {
      name: 'an EPCI CLS linked to one of two CLSMs on its territory',
      doc: doc({
        mechanisms: [mech('cls-a', 'CLS', [], { territory: { epci: [EPCI.niortais] } }), mech('clsm-niort', 'CLSM', [C.niort]), mech('clsm-aiffres', 'CLSM', [C.aiffres])],
        links: [{ kind: 'volet-sante-mentale', from: 'cls-a', to: 'clsm-niort' }],
      }),
      findings: [{ subjects: ['cls-a', 'clsm-aiffres'], message: /5\s?419 habitants/, fixLink: { kind: 'articulation', from: 'cls-a', to: 'clsm-aiffres' } }],
    },
    {
      name: 'the CLS of Paris and the CLSM of the 20th arrondissement',
      doc: doc({ mechanisms: [cls([C.paris]), mech('clsm-paris-20', 'CLSM', [C.paris20])] }),
      findings: [{ subjects: ['cls-a', 'clsm-paris-20'] }],
    },
  ],
  passes: [
    {
      name: 'the CLSM is the CLS mental-health component',
      doc: doc({ mechanisms: [cls([C.niort]), mech('clsm-niort', 'CLSM', [C.niort])], links: [{ kind: 'volet-sante-mentale', from: 'cls-a', to: 'clsm-niort' }] }),
    },
    {
      name: 'an articulation declared from the CLSM to the CLS',
      doc: doc({ mechanisms: [cls([C.niort]), mech('clsm-niort', 'CLSM', [C.niort])], links: [{ kind: 'articulation', from: 'clsm-niort', to: 'cls-a', forms: ['copil'] }] }),
    },
    { name: 'disjoint territories', doc: doc({ mechanisms: [cls([C.niort]), mech('clsm-b', 'CLSM', [C.bressuire])] }) },
    { name: 'the CLSM is only a project', doc: doc({ mechanisms: [cls([C.niort]), mech('clsm-niort', 'CLSM', [C.niort], { status: 'project' })] }) },
    {
      name: 'the CLS ended before the reference date',
      doc: doc({ mechanisms: [cls([C.niort], { status: 'ended', dates: { start: '2015-01-01', end: '2020-12-31' } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
    },
  ],
});
