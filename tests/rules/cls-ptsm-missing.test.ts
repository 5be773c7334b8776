import { C, describeRule, doc, mech } from './harness.ts';

const POITIERS = '86194';
const ptsm79 = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { adopted: '2021-06-09' } });
const ptsm86 = mech('ptsm-86', 'PTSM', [], { territory: { departements: ['86'] }, dates: { adopted: '2020-11-30' } });
const cls = (overrides = {}) => mech('cls-niort', 'CLS', [C.niort], { mentalHealthComponent: true, ...overrides });

describeRule('cls-ptsm-missing', {
  fires: [
    {
      name: 'a CLS with a mental-health component does not declare taking the PTSM into account',
      doc: doc({ mechanisms: [ptsm79, cls()] }),
      findings: [{ subjects: ['cls-niort', 'ptsm-79'], message: /^Le volet santé mentale du CLS cls-niort ne déclare pas tenir compte du PTSM ptsm-79, qui couvre son territoire\.$/, severity: 'warning', fixLink: { kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79' } }],
    },
    {
      name: 'the component is a CLSM (volet-sante-mentale link)',
      doc: doc({
        mechanisms: [ptsm79, cls({ mentalHealthComponent: undefined }), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ kind: 'volet-sante-mentale', from: 'cls-niort', to: 'clsm-niort' }],
      }),
      findings: [{ subjects: ['cls-niort', 'ptsm-79'] }],
    },
    {
      name: 'linked to the previous PTSM only, not to the current one',
      doc: doc({
        mechanisms: [
          mech('ptsm-79-2014', 'PTSM', [], { territory: { departements: ['79'] }, status: 'ended', dates: { adopted: '2014-06-01', end: '2020-12-31' } }),
          { ...ptsm79, dates: { start: '2021-06-09', adopted: '2021-06-09' } },
          cls(),
        ],
        links: [{ kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79-2014' }],
      }),
      findings: [{ subjects: ['cls-niort', 'ptsm-79'] }],
    },
    {
      name: 'a CLS over two départements takes only one of their PTSMs into account',
      doc: doc({
        mechanisms: [ptsm79, ptsm86, mech('cls-inter', 'CLS', [C.niort, POITIERS], { mentalHealthComponent: true })],
        links: [{ kind: 'prise-en-compte', from: 'cls-inter', to: 'ptsm-79' }],
      }),
      findings: [{ subjects: ['cls-inter', 'ptsm-86'] }],
    },
  ],
  passes: [
    {
      name: 'the prise-en-compte link is declared',
      doc: doc({ mechanisms: [ptsm79, cls()], links: [{ kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79' }] }),
    },
    { name: 'no mental-health component: cls-mental-health-missing reports it', doc: doc({ mechanisms: [ptsm79, cls({ mentalHealthComponent: false })] }) },
    { name: 'no PTSM on its territory: departement-without-ptsm reports it', doc: doc({ mechanisms: [ptsm86, cls()] }) },
    { name: 'the PTSM is in preparation', doc: doc({ mechanisms: [{ ...ptsm79, status: 'project' }, cls()] }) },
    { name: 'the CLS is in preparation', doc: doc({ mechanisms: [ptsm79, cls({ status: 'project' })] }) },
    { name: 'the CLS is dormant', doc: doc({ mechanisms: [ptsm79, cls({ status: 'dormant' })] }) },
  ],
});
