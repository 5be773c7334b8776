import { C, EPCI, describeRule, doc, mech } from './harness.ts';

describeRule('clsm-perimeter-size', {
  fires: [
    {
      name: 'a CLSM of Melle (5,752 inhabitants)',
      doc: doc({ mechanisms: [mech('clsm-melle', 'CLSM', [C.melle])] }),
      findings: [{ subjects: ['clsm-melle'], message: /^Le CLSM clsm-melle couvre 5\s752 habitants, en dessous de la fourchette de référence \(20\s000 à 400\s000 habitants ; 107\s000 en moyenne en 2022\)\.$/, severity: 'info' }],
    },
    {
      name: 'Bressuire, 30 inhabitants under the default minimum of 20,000',
      doc: doc({ mechanisms: [mech('clsm-bressuire', 'CLSM', [C.bressuire])] }),
      findings: [{ subjects: ['clsm-bressuire'], message: /19\s?970 habitants/ }],
    },
    {
      name: 'a CLSM of the whole city of Lyon',
      doc: doc({ mechanisms: [mech('clsm-lyon', 'CLSM', [C.lyon])] }),
      findings: [{ subjects: ['clsm-lyon'], message: /519\s?127 habitants, au-dessus/ }],
    },
    {
      name: 'a profile band that excludes Niort',
      profile: { settings: { clsmPopulationBand: { min: 60_000, max: 150_000 } } },
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort]), mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] } })] }),
      findings: [{ subjects: ['clsm-niort'], message: /60\s?000 à 150\s?000 habitants/ }],
    },
  ],
  passes: [
    { name: 'Niort (59,854) in the default band', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'the CA du Niortais (123,326)', doc: doc({ mechanisms: [mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] } })] }) },
    {
      name: 'exactly at the minimum of a profile band',
      profile: { settings: { clsmPopulationBand: { min: 19_970, max: 400_000 } } },
      doc: doc({ mechanisms: [mech('clsm-bressuire', 'CLSM', [C.bressuire])] }),
    },
    {
      name: 'exactly at the maximum of a profile band',
      profile: { settings: { clsmPopulationBand: { min: 1_000, max: 59_854 } } },
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }),
    },
    { name: 'a dormant CLSM of Melle', doc: doc({ mechanisms: [mech('clsm-melle', 'CLSM', [C.melle], { status: 'dormant' })] }) },
    { name: 'a CLSM of Lyon still in preparation', doc: doc({ mechanisms: [mech('clsm-lyon', 'CLSM', [C.lyon], { status: 'project' })] }) },
    { name: 'a small CLS is not checked', doc: doc({ mechanisms: [mech('cls-melle', 'CLS', [C.melle])] }) },
  ],
});
