import { C, describeRule, doc, mech } from './harness.ts';

const dac79 = mech('dac-79', 'DAC', [], { territory: { departements: ['79'] } });
const withGroup = (id: string, communes: string[], theme: string) =>
  mech(id, 'CLSM', communes, { governance: { workingGroups: [{ theme, title: 'Cellule' }] } });
const clsmNiort = withGroup('clsm-niort', [C.niort], 'Cas complexes');

describeRule('clsm-dac-complex-cases', {
  fires: [
    {
      name: 'a "Cas complexes" working group inside the DAC, free text matched to the vocabulary',
      doc: doc({ mechanisms: [clsmNiort, dac79] }),
      findings: [
        {
          subjects: ['clsm-niort', 'dac-79'],
          message: /^Le CLSM clsm-niort anime une cellule cas complexes sur le territoire du DAC dac-79, sans lien déclaré avec ce DAC\.$/,
          severity: 'info',
          fixLink: { kind: 'articulation', from: 'clsm-niort', to: 'dac-79' },
        },
      ],
    },
    {
      name: 'the theme is declared on the CLSM, not on a working group',
      doc: doc({ mechanisms: [mech('clsm-melle', 'CLSM', [C.melle], { themes: ['logement', 'cas-complexes'] }), dac79] }),
      findings: [{ subjects: ['clsm-melle', 'dac-79'] }],
    },
    {
      name: 'a CLSM straddling two DAC territories, linked to one of them only',
      doc: doc({
        mechanisms: [
          mech('clsm-x', 'CLSM', [C.niort, '86194'], { themes: ['Cas-Complexes'] }),
          dac79,
          mech('dac-86', 'DAC', [], { territory: { departements: ['86'] } }),
        ],
        links: [{ kind: 'articulation', from: 'clsm-x', to: 'dac-86' }],
      }),
      findings: [{ subjects: ['clsm-x', 'dac-79'] }],
    },
    {
      name: 'another CLSM linked to the DAC does not cover this one',
      doc: doc({
        mechanisms: [clsmNiort, withGroup('clsm-bressuire', [C.bressuire], 'cas-complexes'), dac79],
        links: [{ kind: 'articulation', from: 'clsm-bressuire', to: 'dac-79' }],
      }),
      findings: [{ subjects: ['clsm-niort', 'dac-79'] }],
    },
  ],
  passes: [
    {
      name: 'linked, in the DAC → CLSM direction',
      doc: doc({ mechanisms: [clsmNiort, dac79], links: [{ kind: 'articulation', from: 'dac-79', to: 'clsm-niort', forms: ['convention'] }] }),
    },
    { name: 'no complex-cases working group', doc: doc({ mechanisms: [withGroup('clsm-niort', [C.niort], 'logement'), dac79] }) },
    { name: 'working groups and themes unknown', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort]), dac79] }) },
    { name: 'the DAC covers another département', doc: doc({ mechanisms: [clsmNiort, mech('dac-86', 'DAC', [], { territory: { departements: ['86'] } })] }) },
    { name: 'the DAC is only a project', doc: doc({ mechanisms: [clsmNiort, { ...dac79, status: 'project' }] }) },
    { name: 'the CLSM is dormant', doc: doc({ mechanisms: [{ ...clsmNiort, status: 'dormant' }, dac79] }) },
    {
      name: 'a CLS with a complex-cases theme is not a CLSM',
      doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { themes: ['cas-complexes'] }), dac79] }),
    },
  ],
});
