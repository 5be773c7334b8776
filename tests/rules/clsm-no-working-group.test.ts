import { C, describeRule, doc, mech } from './harness.ts';

const withGroups = (workingGroups: { theme: string }[] | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { governance: workingGroups === undefined ? { charter: true } : { workingGroups }, ...overrides });

describeRule('clsm-no-working-group', {
  fires: [
    {
      name: 'working groups declared as an empty list',
      doc: doc({ mechanisms: [withGroups([])] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le CLSM clsm-niort n'a aucun groupe de travail\.$/, severity: 'warning' }],
    },
    {
      name: 'a severity lowered by a profile',
      profile: { severities: { 'clsm-no-working-group': 'info' } },
      doc: doc({ mechanisms: [withGroups([])] }),
      findings: [{ subjects: ['clsm-niort'], severity: 'info' }],
    },
  ],
  passes: [
    { name: 'one working group', doc: doc({ mechanisms: [withGroups([{ theme: 'logement' }])] }) },
    { name: 'working groups unknown', doc: doc({ mechanisms: [withGroups(undefined)] }) },
    { name: 'a CLSM in preparation', doc: doc({ mechanisms: [withGroups([], { status: 'project' })] }) },
    { name: 'a CLS without working group', doc: doc({ mechanisms: [mech('cls-niort', 'CLS', [C.niort], { governance: { workingGroups: [] } })] }) },
  ],
});
