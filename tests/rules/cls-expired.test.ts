import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const ended = (id: string, communes: string[], start: string, end: string) => mech(id, 'CLS', communes, { status: 'ended', dates: { start, end } });

describeRule('cls-expired', {
  fires: [
    {
      name: 'an ended CLS with no other CLS on its territory',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2020-12-31')] }),
      findings: [{ subjects: ['cls-niort'], message: /^Le CLS cls-niort a pris fin le 31 décembre 2020 et aucun contrat local de santé ne lui succède sur son territoire\.$/, severity: 'info' }],
    },
    {
      name: 'a CLS still marked active past its end date',
      doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { dates: { start: '2020-01-01', end: '2024-12-31' } })] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
    {
      name: 'the end date was the day before the reference date',
      asOf: '2025-06-01',
      doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { dates: { start: '2020-06-01', end: '2025-05-31' } })] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
    {
      name: 'the only other CLS is dormant',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2020-12-31'), mech('cls-niort-2', 'CLS', [C.niort], { status: 'dormant' })] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
    {
      name: 'the active CLS is on another territory, and a CLSM does not take over a CLS',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2020-12-31'), mech('cls-b', 'CLS', [C.bressuire]), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['cls-niort'] }],
    },
    {
      name: 'two expired contracts in a row: only the last one is reported',
      doc: doc({ mechanisms: [ended('cls-1', [C.niort], '2012-01-01', '2016-12-31'), ended('cls-2', [C.niort, C.chauray], '2017-01-01', '2021-12-31')] }),
      findings: [{ subjects: ['cls-2'], message: /31 décembre 2021/ }],
    },
    {
      name: 'replay: the next CLS was signed only after the reference date, so nothing took over then',
      asOf: '2023-06-30',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2017-06-01', '2022-06-30'), mech('cls-niort-2', 'CLS', [C.niort], { dates: { signed: '2024-04-15', start: '2024-04-15' } })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'info', message: /30 juin 2022/ }],
    },
  ],
  passes: [
    { name: 'a CLS whose end is still to come', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { dates: { start: '2023-01-01', end: '2027-12-31' } })] }) },
    { name: 'a CLS ending on the reference date', asOf: '2025-06-01', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { dates: { start: '2020-06-01', end: '2025-06-01' } })] }) },
    { name: 'a CLS without end date', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { dates: { start: '2020-06-01' } })] }) },
    {
      name: 'an EPCI CLS now covers the commune',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2020-12-31'), mech('cls-niortais', 'CLS', [], { territory: { epci: [EPCI.niortais] }, dates: { start: '2021-06-01' } })] }),
    },
    {
      name: 'the next CLS is in preparation',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2020-12-31'), mech('cls-niort-2', 'CLS', [C.niort], { status: 'project' })] }),
    },
    {
      name: 'the next CLS is signed and starts after the reference date',
      doc: doc({ mechanisms: [ended('cls-niort', [C.niort], '2015-01-01', '2024-12-31'), mech('cls-niort-2', 'CLS', [C.niort], { dates: { signed: '2025-05-15', start: '2025-09-01' } })] }),
    },
    {
      name: 'a dormant CLS past its end date is not reported',
      doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { status: 'dormant', dates: { start: '2015-01-01', end: '2020-12-31' } })] }),
    },
    {
      name: 'a CLS in preparation whose planned end has passed is not reported',
      doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { status: 'project', dates: { end: '2024-12-31' } })] }),
    },
  ],
});
