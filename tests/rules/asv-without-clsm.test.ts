import { C, describeRule, doc, mech } from './harness.ts';

const asv = mech('asv-parthenay', 'ASV', [C.parthenay], { name: 'ASV de Parthenay' });

describeRule('asv-without-clsm', {
  fires: [
    {
      name: 'no CLSM at all',
      doc: doc({ mechanisms: [asv] }),
      findings: [
        {
          subjects: ['asv-parthenay'],
          severity: 'info',
          message: /^L'ASV de Parthenay travaille sur un territoire \(1 commune, 10\s?140 habitants\) qu'aucun CLSM actif ne couvre\.$/,
          fixMessage: /^Étudier la création d'un CLSM couvrant le territoire de l'ASV de Parthenay/,
        },
      ],
    },
    { name: 'the only CLSM is elsewhere', doc: doc({ mechanisms: [asv, mech('clsm-niort', 'CLSM', [C.niort])] }), findings: [{ subjects: ['asv-parthenay'] }] },
    {
      name: 'the CLSM of its territory has been dormant since 2024 (dated history)',
      doc: doc({
        mechanisms: [asv, mech('clsm-gatine', 'CLSM', [C.parthenay], { status: 'dormant', statusHistory: [{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }] })],
      }),
      asOf: '2026-12-07',
      findings: [{ subjects: ['asv-parthenay'] }],
    },
  ],
  passes: [
    { name: 'an active CLSM on its commune', doc: doc({ mechanisms: [asv, mech('clsm-gatine', 'CLSM', [C.parthenay])] }) },
    {
      name: 'replay: the CLSM of its territory was still active then',
      asOf: '2023-06-30',
      doc: doc({
        mechanisms: [asv, mech('clsm-gatine', 'CLSM', [C.parthenay], { status: 'dormant', statusHistory: [{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }] })],
      }),
    },
    { name: 'a CLSM in preparation on its territory: the creation is under way', doc: doc({ mechanisms: [asv, mech('clsm-gatine', 'CLSM', [C.parthenay], { status: 'project' })] }) },
    { name: 'an ASV that is not active', doc: doc({ mechanisms: [{ ...asv, status: 'dormant' }] }) },
  ],
});
