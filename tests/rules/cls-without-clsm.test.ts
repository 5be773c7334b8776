import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const cls = mech('cls-niort', 'CLS', [C.niort]);

describeRule('cls-without-clsm', {
  fires: [
    {
      name: 'no CLSM at all',
      doc: doc({ mechanisms: [cls] }),
      findings: [{ subjects: ['cls-niort'], severity: 'info', message: /1 commune, 59\s?854 habitants/ }],
    },
    { name: 'the only CLSM is elsewhere', doc: doc({ mechanisms: [cls, mech('clsm-b', 'CLSM', [C.bressuire])] }), findings: [{ subjects: ['cls-niort'] }] },
    { name: 'the CLSM on its territory is dormant', doc: doc({ mechanisms: [cls, mech('clsm-niort', 'CLSM', [C.niort], { status: 'dormant' })] }), findings: [{ subjects: ['cls-niort'] }] },
    {
      name: 'the creation of a CLSM is already among its objectives: told so, not told to add it',
      doc: doc({ mechanisms: [{ ...cls, objectives: ['Création CLSM'] }] }),
      findings: [{ subjects: ['cls-niort'], message: /^Aucun CLSM actif ni en préparation sur le territoire du CLS cls-niort \(1 commune, 59\s?854 habitants\), alors que la création d'un CLSM figure dans ses objectifs\.$/, fixMessage: /^Engager la création du CLSM inscrite/ }],
    },
    {
      name: 'a CLSM in preparation elsewhere does not count',
      doc: doc({ mechanisms: [cls, mech('clsm-b', 'CLSM', [C.bressuire], { status: 'project' })] }),
      findings: [{ subjects: ['cls-niort'], fixMessage: /en l'inscrivant dans les objectifs/ }],
    },
    {
      name: 'a CLSM whose dated history says it was in preparation then, but dormant at the reference date',
      doc: doc({ mechanisms: [cls, mech('clsm-niort', 'CLSM', [C.niort], { status: 'dormant', statusHistory: [{ status: 'project', from: '2022-01-01' }, { status: 'dormant', from: '2024-01-01' }] })] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
    {
      name: 'the CLSM on its territory ended before the reference date',
      doc: doc({ mechanisms: [cls, mech('clsm-niort', 'CLSM', [C.niort], { status: 'ended', dates: { start: '2012-01-01', end: '2024-12-31' } })] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
  ],
  passes: [
    { name: 'an active CLSM on the same commune', doc: doc({ mechanisms: [cls, mech('clsm-niort', 'CLSM', [C.niort])] }) },
    {
      name: 'an EPCI CLS with a CLSM on one of its communes',
      doc: doc({ mechanisms: [mech('cls-niortais', 'CLS', [], { territory: { epci: [EPCI.niortais] } }), mech('clsm-aiffres', 'CLSM', [C.aiffres])] }),
    },
    { name: 'the CLS of Paris and a CLSM of the 20th arrondissement', doc: doc({ mechanisms: [mech('cls-paris', 'CLS', [C.paris]), mech('clsm-paris-20', 'CLSM', [C.paris20])] }) },
    { name: 'a CLS in preparation', doc: doc({ mechanisms: [{ ...cls, status: 'project' }] }) },
    { name: 'a CLSM in preparation on its territory: the creation is under way', doc: doc({ mechanisms: [cls, mech('clsm-niort', 'CLSM', [C.niort], { status: 'project' })] }) },
    { name: 'a CLS that ended', doc: doc({ mechanisms: [{ ...cls, status: 'ended', dates: { start: '2015-01-01', end: '2020-12-31' } }] }) },
  ],
});
