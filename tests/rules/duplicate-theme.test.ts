import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const groups = (...themes: string[]) => ({ governance: { workingGroups: themes.map((theme) => ({ theme })) } });

describeRule('duplicate-theme', {
  fires: [
    {
      name: 'a CLSM housing group and a CPTS housing theme on Niort',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('Logement')), mech('cpts-niort', 'CPTS', [C.niort, C.chauray], { themes: ['logement'] })] }),
      findings: [
        {
          subjects: ['clsm-niort', 'cpts-niort'],
          message: /^Le CLSM clsm-niort et la CPTS cpts-niort travaillent tous deux sur le thème « Logement », sur des territoires qui se recoupent, sans lien déclaré entre eux\.$/,
          severity: 'warning',
          fixLink: { kind: 'articulation', from: 'clsm-niort', to: 'cpts-niort' },
        },
      ],
    },
    {
      name: 'several shared themes give a single finding, accents and case ignored',
      doc: doc({
        mechanisms: [
          mech('clsm-niort', 'CLSM', [C.niort], { themes: ['Périnatalité', 'suicide'], ...groups('jeunes') }),
          mech('cpts-niort', 'CPTS', [C.niort], { themes: ['perinatalite', 'JEUNES', 'emploi'] }),
        ],
      }),
      findings: [{ subjects: ['clsm-niort', 'cpts-niort'], message: /les thèmes « Santé mentale des jeunes », « Périnatalité »/ }],
    },
    {
      name: 'pairs meeting on communes covered by different sets of mechanisms are reported once',
      doc: doc({
        mechanisms: [
          mech('dac-79', 'DAC', [], { territory: { departements: ['79'] }, themes: ['logement', 'suicide'] }),
          mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] }, ...groups('logement', 'jeunes') }),
          mech('cpts-niort', 'CPTS', [C.niort], { themes: ['suicide', 'jeunes'] }),
          mech('cpts-bressuire', 'CPTS', [C.bressuire], { themes: ['jeunes'] }),
        ],
      }),
      findings: [
        { subjects: ['dac-79', 'clsm-niortais'], message: /le thème « Logement »/ },
        { subjects: ['dac-79', 'cpts-niort'], message: /le thème « Prévention du suicide »/ },
        { subjects: ['clsm-niortais', 'cpts-niort'], message: /le thème « Santé mentale des jeunes »/ },
      ],
    },
    {
      name: 'three mechanisms on one commune, one pair linked',
      doc: doc({
        mechanisms: [
          mech('cls-niort', 'CLS', [C.niort], { themes: ['sism'] }),
          mech('cpts-niort', 'CPTS', [C.niort], { themes: ['sism'] }),
          mech('asv-niort', 'ASV', [C.niort], { themes: ['sism'] }),
        ],
        links: [{ kind: 'articulation', from: 'cls-niort', to: 'cpts-niort' }],
      }),
      findings: [{ subjects: ['cls-niort', 'asv-niort'] }, { subjects: ['cpts-niort', 'asv-niort'] }],
    },
    {
      name: 'a CLSM and a DAC sharing complex cases and another theme: only the other theme is reported here',
      doc: doc({
        mechanisms: [
          mech('clsm-niort', 'CLSM', [C.niort], groups('cas-complexes', 'personnes-agees')),
          mech('dac-79', 'DAC', [], { territory: { departements: ['79'] }, themes: ['cas-complexes', 'personnes-agees'] }),
        ],
      }),
      findings: [{ subjects: ['clsm-niort', 'dac-79'], message: /le thème « Personnes âgées »/ }],
    },
  ],
  passes: [
    {
      name: 'a PTSM and a CLSM of its département: the PTSM’s themes are meant to be declined locally (declinaison, contribution)',
      doc: doc({ mechanisms: [mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, themes: ['logement'] }), mech('clsm-melle', 'CLSM', [C.melle], groups('logement'))] }),
    },
    {
      name: 'linked by an articulation',
      doc: doc({
        mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('logement')), mech('cpts-niort', 'CPTS', [C.niort], { themes: ['logement'] })],
        links: [{ kind: 'articulation', from: 'cpts-niort', to: 'clsm-niort', forms: ['feuille-de-route'] }],
      }),
    },
    {
      name: 'an unlinked CLS–CLSM or ASV–CLSM pair: reported by cls-clsm-unlinked and asv-clsm-unlinked, not twice',
      doc: doc({
        mechanisms: [
          mech('clsm-niort', 'CLSM', [C.niort], groups('logement')),
          mech('cls-niort', 'CLS', [C.niort], { themes: ['logement'] }),
          mech('asv-niort', 'ASV', [C.aiffres], { themes: ['logement'] }),
          mech('asv-niort-2', 'ASV', [C.niort], { themes: ['Logement'] }),
        ],
        links: [{ kind: 'articulation', from: 'cls-niort', to: 'asv-niort-2' }],
      }),
    },
    {
      name: 'a CLSM complex-cases cell inside a DAC: reported by clsm-dac-complex-cases',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('cas-complexes')), mech('dac-79', 'DAC', [], { territory: { departements: ['79'] }, themes: ['cas-complexes'] })] }),
    },
    {
      name: 'two CPTS on the same theme: a same-kind pair, left to cpts-overlap',
      doc: doc({ mechanisms: [mech('cpts-a', 'CPTS', [C.niort], { themes: ['logement'] }), mech('cpts-b', 'CPTS', [C.niort, C.chauray], { themes: ['logement'] })] }),
    },
    {
      name: 'same theme on disjoint territories',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('logement')), mech('clsm-bressuire', 'CLSM', [C.bressuire], groups('logement'))] }),
    },
    {
      name: 'different themes on the same territory',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('logement')), mech('cpts-niort', 'CPTS', [C.niort], { themes: ['addictions'] })] }),
    },
    {
      name: 'one of the two is dormant',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('logement')), mech('cpts-niort', 'CPTS', [C.niort], { themes: ['logement'], status: 'dormant' })] }),
    },
    {
      name: 'themes unknown on one side',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], groups('logement')), mech('cpts-niort', 'CPTS', [C.niort])] }),
    },
    {
      name: 'a mechanism declaring the same theme twice is not a duplicate of itself',
      doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort], { themes: ['logement'], ...groups('Logement', 'logement') })] }),
    },
  ],
});
