import { C, EPCI, describeRule, doc, mech } from './harness.ts';

const asv = (overrides = {}) => mech('asv-niort', 'ASV', [C.niort], overrides);

describeRule('asv-clsm-unlinked', {
  fires: [
    {
      name: 'an ASV inside a CLSM territory, no link',
      doc: doc({ mechanisms: [asv(), mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] } })] }),
      findings: [
        {
          subjects: ['asv-niort', 'clsm-niortais'],
          severity: 'warning',
          message: /^L'ASV asv-niort et le CLSM clsm-niortais partagent 1 commune \(59\s?854 habitants\)/,
          fixLink: { kind: 'articulation', from: 'asv-niort', to: 'clsm-niortais' },
        },
      ],
    },
    {
      name: 'linked to one CLSM but not to the other one on the same commune',
      doc: doc({
        mechanisms: [asv(), mech('clsm-a', 'CLSM', [C.niort]), mech('clsm-b', 'CLSM', [C.niort, C.chauray])],
        links: [{ kind: 'articulation', from: 'asv-niort', to: 'clsm-a' }],
      }),
      findings: [{ subjects: ['asv-niort', 'clsm-b'] }],
    },
    {
      name: 'a link to the CLS does not link the ASV to the CLSM',
      doc: doc({
        mechanisms: [asv(), mech('cls-niort', 'CLS', [C.niort]), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ kind: 'articulation', from: 'asv-niort', to: 'cls-niort' }],
      }),
      findings: [{ subjects: ['asv-niort', 'clsm-niort'] }],
    },
  ],
  passes: [
    { name: 'articulation declared', doc: doc({ mechanisms: [asv(), mech('clsm-niort', 'CLSM', [C.niort])], links: [{ kind: 'articulation', from: 'asv-niort', to: 'clsm-niort', forms: ['copil'] }] }) },
    { name: 'articulation declared from the CLSM side', doc: doc({ mechanisms: [asv(), mech('clsm-niort', 'CLSM', [C.niort])], links: [{ kind: 'articulation', from: 'clsm-niort', to: 'asv-niort' }] }) },
    { name: 'disjoint territories', doc: doc({ mechanisms: [asv(), mech('clsm-b', 'CLSM', [C.bressuire])] }) },
    { name: 'the ASV is dormant', doc: doc({ mechanisms: [asv({ status: 'dormant' }), mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'the CLSM is a project', doc: doc({ mechanisms: [asv(), mech('clsm-niort', 'CLSM', [C.niort], { status: 'project' })] }) },
    {
      name: 'the CLSM ended before the reference date',
      doc: doc({ mechanisms: [asv(), mech('clsm-niort', 'CLSM', [C.niort], { status: 'ended', dates: { start: '2012-01-01', end: '2024-12-31' } })] }),
    },
  ],
});
