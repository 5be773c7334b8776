import { C, EPCI, describeRule, doc, mech } from './harness.ts';

describeRule('clsm-overlap', {
  fires: [
    {
      name: 'two active CLSMs share Niort',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort, C.chauray]), mech('clsm-b', 'CLSM', [C.niort, C.aiffres])] }),
      findings: [{ subjects: ['clsm-a', 'clsm-b'], severity: 'warning', message: /^Le CLSM clsm-a et le CLSM clsm-b se chevauchent sur 1 commune \(59\s?854 habitants\)\.$/ }],
    },
    {
      name: 'a name that does not begin with CLSM: kept as written, and the kind is spelt out',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort], { name: 'Conseil local de santé mentale de Niort' }), mech('clsm-b', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['clsm-a', 'clsm-b'], message: /^Conseil local de santé mentale de Niort et le CLSM clsm-b \(CLSM\) se chevauchent/ }],
    },
    {
      name: 'a CLSM of Paris and a CLSM of the 20th arrondissement meet',
      doc: doc({ mechanisms: [mech('clsm-paris', 'CLSM', [C.paris]), mech('clsm-paris-20', 'CLSM', [C.paris20])] }),
      findings: [{ subjects: ['clsm-paris', 'clsm-paris-20'] }],
    },
    {
      name: 'a pair already articulated by a declared link: at most information, saying so',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort, C.chauray]), mech('clsm-b', 'CLSM', [C.niort])], links: [{ kind: 'articulation', from: 'clsm-b', to: 'clsm-a' }] }),
      findings: [
        {
          subjects: ['clsm-a', 'clsm-b'],
          severity: 'info',
          message: /^Le CLSM clsm-a et le CLSM clsm-b se chevauchent sur 1 commune \(59\s?854 habitants\), mais un lien déclaré les articule déjà\.$/,
          fixMessage: /^Vérifier que l'articulation déclarée/,
        },
      ],
    },
    {
      name: 'an EPCI CLSM and a commune CLSM inside it',
      doc: doc({ mechanisms: [mech('clsm-epci', 'CLSM', [], { territory: { epci: [EPCI.niortais] } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['clsm-epci', 'clsm-niort'] }],
    },
  ],
  passes: [
    {
      name: 'disjoint territories',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort]), mech('clsm-b', 'CLSM', [C.bressuire])] }),
    },
    {
      name: 'one of the two is only a project',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort]), mech('clsm-b', 'CLSM', [C.niort], { status: 'project' })] }),
    },
    {
      name: 'a CLS and a CLSM on the same commune are not a same-kind overlap',
      doc: doc({ mechanisms: [mech('cls-a', 'CLS', [C.niort]), mech('clsm-b', 'CLSM', [C.niort])] }),
    },
    {
      name: 'the first ended before the reference date',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort], { status: 'ended', dates: { start: '2015-01-01', end: '2020-12-31' } }), mech('clsm-b', 'CLSM', [C.niort])] }),
    },
  ],
});
