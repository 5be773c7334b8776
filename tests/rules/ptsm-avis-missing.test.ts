import { C, describeRule, doc, mech } from './harness.ts';

const ptsm = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' } });

describeRule('ptsm-avis-missing', {
  fires: [
    {
      name: 'a CLSM active at adoption gave no avis on the project',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'error', message: /^Le CLSM clsm-niort n'a pas donné son avis sur le projet du PTSM ptsm-79, adopté le 9 juin 2021/, fixLink: { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' } }],
    },
    {
      name: 'only the diagnostic avis was given',
      doc: doc({
        mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', date: '2019-05-01' }],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'] }],
    },
  ],
  passes: [
    {
      name: 'the avis on the project was given before adoption',
      doc: doc({
        mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable' }],
      }),
    },
    {
      name: 'the CLSM was created after the PTSM was adopted',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2023-01-01' } })] }),
    },
    {
      name: 'the CLSM is outside the PTSM territory',
      doc: doc({ mechanisms: [ptsm, mech('clsm-paris', 'CLSM', [C.paris20], { dates: { start: '2015-01-01' } })] }),
    },
    {
      name: 'the PTSM is still in preparation: the avis is awaited, not missing',
      doc: doc({
        mechanisms: [{ ...ptsm, status: 'project', dates: { adopted: '2026-03-01' } }, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
      }),
    },
  ],
});

describeRule('ptsm-avis-missing', {
  fires: [
    {
      name: 'an active PTSM whose adoption date is unknown: judged at the reference date',
      doc: doc({ mechanisms: [mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], message: /date inconnue/ }],
    },
  ],
  passes: [
    {
      name: 'a PTSM in preparation whose planned adoption date has passed is still awaited',
      asOf: '2026-09-01',
      doc: doc({ mechanisms: [mech('ptsm-79', 'PTSM', [], { status: 'project', territory: { departements: ['79'] }, dates: { adopted: '2026-03-01' } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
    },
  ],
});
