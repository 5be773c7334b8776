import { C, describeRule, doc, mech } from './harness.ts';

const POITIERS = '86194';
const ptsm79 = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { adopted: '2021-06-09' } });
const ptsm86 = mech('ptsm-86', 'PTSM', [], { territory: { departements: ['86'] }, dates: { adopted: '2020-11-30' } });
const clsm = (overrides = {}) => mech('clsm-niort', 'CLSM', [C.niort], overrides);

describeRule('clsm-ptsm-contribution-missing', {
  fires: [
    {
      name: 'an active CLSM declares no contribution to its PTSM',
      doc: doc({ mechanisms: [ptsm79, clsm()] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], message: /^Le CLSM clsm-niort ne déclare pas de contribution au PTSM ptsm-79, qui couvre son territoire\.$/, severity: 'info', fixLink: { kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' } }],
    },
    {
      name: 'an avis and a declinaison are not a contribution',
      doc: doc({
        mechanisms: [ptsm79, clsm()],
        links: [
          { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15' },
          { kind: 'declinaison', from: 'clsm-niort', to: 'ptsm-79', priorities: ['ptsm.determinants'] },
        ],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'] }],
    },
    {
      name: 'the fix names the PTSM priorities the CLSM objectives serve (DOMAIN.md §3 correspondence)',
      doc: doc({
        mechanisms: [
          // A priority listed twice is named once.
          { ...ptsm79, priorities: ['ptsm.determinants', 'ptsm.crise-urgence', 'ptsm.soins-somatiques', 'ptsm.determinants'] },
          clsm({ priorities: ['clsm.determinants', 'clsm.prevention', 'cls.inegalites'] }),
        ],
      }),
      findings: [
        {
          subjects: ['clsm-niort', 'ptsm-79'],
          // determinants ↔ determinants, prevention ↔ crise-urgence (named in the décret's order); soins-somatiques is served by none of its objectives.
          fixMessage: /rejoignent les priorités « Prévention et prise en charge de la crise et de l’urgence » et « Action sur les déterminants de la santé mentale » du PTSM\.$/,
        },
      ],
    },
    {
      name: 'no shared priority: the fix names none',
      doc: doc({ mechanisms: [{ ...ptsm79, priorities: ['ptsm.soins-somatiques'] }, clsm({ priorities: ['clsm.stigmatisation'] })] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], fixMessage: /le lien « contribution »\.$/ }],
    },
    {
      name: 'a CLSM over two départements contributes to one of their PTSMs',
      doc: doc({ mechanisms: [ptsm79, ptsm86, clsm({ territory: { communes: [C.niort, POITIERS] } })], links: [{ kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' }] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-86'] }],
    },
  ],
  passes: [
    { name: 'the contribution is declared', doc: doc({ mechanisms: [ptsm79, clsm()], links: [{ kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' }] }) },
    { name: 'no PTSM on its territory: departement-without-ptsm reports it', doc: doc({ mechanisms: [ptsm86, clsm()] }) },
    { name: 'the PTSM is in preparation', doc: doc({ mechanisms: [{ ...ptsm79, status: 'project' }, clsm()] }) },
    { name: 'the CLSM is dormant', doc: doc({ mechanisms: [ptsm79, clsm({ status: 'dormant' })] }) },
    { name: 'the CLSM has not started yet', doc: doc({ mechanisms: [ptsm79, clsm({ dates: { start: '2025-09-01' } })] }) },
  ],
});
