import { PTSM_PRIORITIES } from '../../model/vocabulary.ts';
import { describeRule, doc, mech } from './harness.ts';

const ptsm = (priorities: string[] | undefined, overrides = {}) =>
  mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, ...(priorities ? { priorities: priorities as never } : {}), ...overrides });

describeRule('ptsm-priorities-incomplete', {
  fires: [
    {
      name: 'two of the six priorities declared',
      doc: doc({ mechanisms: [ptsm(['ptsm.parcours-sans-rupture', 'ptsm.determinants'])] }),
      findings: [
        {
          subjects: ['ptsm-79'],
          severity: 'warning',
          message: /^Les priorités déclarées du PTSM ptsm-79 omettent 4 des six priorités du code de la santé publique : « Repérage précoce, diagnostic et accès aux soins », « Accès aux soins somatiques », « Prévention et prise en charge de la crise et de l’urgence » et « Droits, pouvoir d’agir et lutte contre la stigmatisation »\.$/,
        },
      ],
    },
    {
      name: 'five of six',
      doc: doc({ mechanisms: [ptsm(PTSM_PRIORITIES.filter((p) => p !== 'ptsm.soins-somatiques'))] }),
      findings: [{ subjects: ['ptsm-79'], message: /omettent une des six priorités.*« Accès aux soins somatiques »\.$/, fixMessage: /cette priorité/ }],
    },
    { name: 'an empty list is a declaration (none)', doc: doc({ mechanisms: [ptsm([])] }), findings: [{ subjects: ['ptsm-79'] }] },
  ],
  passes: [
    { name: 'all six', doc: doc({ mechanisms: [ptsm([...PTSM_PRIORITIES])] }) },
    { name: 'priorities not filled in: unknown, not a breach', doc: doc({ mechanisms: [ptsm(undefined)] }) },
    { name: 'a PTSM in preparation', doc: doc({ mechanisms: [ptsm(['ptsm.determinants'], { status: 'project' })] }) },
  ],
});
