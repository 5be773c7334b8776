import { C, describeRule, doc, mech } from './harness.ts';

const withRoles = (roles: string[] | undefined) =>
  mech('clsm-niort', 'CLSM', [C.niort], roles === undefined ? {} : { governance: { copil: { roles, meetingsPerYear: 2 } } });

describeRule('clsm-copil-composition', {
  fires: [
    {
      name: 'no carers and no users',
      doc: doc({ mechanisms: [withRoles(['elu', 'psychiatrie'])] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le COPIL du CLSM clsm-niort est incomplet : il manque des personnes concernées par des troubles psychiques et des aidants\.$/, severity: 'warning' }],
    },
    {
      name: 'an empty COPIL',
      doc: doc({ mechanisms: [withRoles([])] }),
      findings: [
        {
          subjects: ['clsm-niort'],
          message:
            /^Le COPIL du CLSM clsm-niort est incomplet : il manque un élu \(maire ou président de l'intercommunalité\), la psychiatrie publique \(chefferie de pôle ou de secteur\), des personnes concernées par des troubles psychiques et des aidants\.$/,
        },
      ],
    },
  ],
  passes: [
    { name: 'the four required members', doc: doc({ mechanisms: [withRoles(['elu', 'psychiatrie', 'usagers', 'aidants', 'ars'])] }) },
    { name: 'composition unknown: reported as unknown, not as a breach', doc: doc({ mechanisms: [withRoles(undefined)] }) },
    {
      name: 'a dormant CLSM is not checked',
      doc: doc({ mechanisms: [{ ...withRoles(['elu']), status: 'dormant' }] }),
    },
  ],
});
