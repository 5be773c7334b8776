import { describe, expect, it } from 'vitest';
import { C, EPCI, describeRule, doc, mech, runRule } from './harness.ts';

const cls = (dates: Record<string, string> | undefined, overrides = {}) => mech('cls-niort', 'CLS', [C.niort], { ...(dates ? { dates } : {}), ...overrides });

describeRule('cls-mental-health-missing', {
  fires: [
    {
      name: 'signed after loi 3DS, declares no mental-health component: error',
      doc: doc({ mechanisms: [cls({ signed: '2023-01-10', start: '2023-01-10' }, { mentalHealthComponent: false })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'error', message: /^Le CLS cls-niort, signé le 10 janvier 2023, déclare n'avoir pas de volet santé mentale, obligatoire pour les contrats signés depuis l'entrée en vigueur de la loi 3DS \(23 février 2022\)\.$/ }],
    },
    {
      name: 'signed after loi 3DS, says nothing of a component (unknown is not false): a warning « à vérifier »',
      doc: doc({ mechanisms: [cls({ signed: '2023-01-10', start: '2023-01-10' })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'warning', message: /ne déclare pas de volet santé mentale \(donnée non renseignée\) : à vérifier/, fixMessage: /s’il en a déjà un, le renseigner/ }],
    },
    {
      name: 'signed on the day loi 3DS came into force (23 February 2022), declares none: error',
      doc: doc({ mechanisms: [cls({ signed: '2022-02-23' }, { mentalHealthComponent: false })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'error' }],
    },
    {
      name: 'signed the day before: info, to add at renewal',
      doc: doc({ mechanisms: [cls({ signed: '2022-02-22' })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'info', message: /avant la loi 3DS.*renouvellement/ }],
    },
    {
      name: 'no signature date: the start date stands in for it',
      doc: doc({ mechanisms: [cls({ start: '2024-03-01' }, { mentalHealthComponent: false })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'error', message: /commencé le 1er mars 2024/ }],
    },
    {
      name: 'no dates, but a dated status history: its first active entry stands in for the signature',
      doc: doc({ mechanisms: [cls(undefined, { mentalHealthComponent: false, statusHistory: [{ status: 'active', from: '2023-05-02' }] })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'error', message: /commencé le 2 mai 2023/ }],
    },
    {
      name: 'signature date unknown: info saying so',
      doc: doc({ mechanisms: [cls(undefined)] }),
      findings: [{ subjects: ['cls-niort'], severity: 'info', message: /date de signature est inconnue/ }],
    },
    {
      name: 'component explicitly absent, signed before loi 3DS: info',
      doc: doc({ mechanisms: [cls({ signed: '2018-12-03' }, { mentalHealthComponent: false })] }),
      findings: [{ subjects: ['cls-niort'], severity: 'info', message: /déclare n'avoir pas de volet santé mentale : un tel volet sera à intégrer au renouvellement/ }],
    },
    {
      name: 'a CLSM on the territory: the fix makes it the mental-health component',
      doc: doc({ mechanisms: [cls({ signed: '2023-01-10' }, { mentalHealthComponent: false }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['cls-niort'], fixLink: { kind: 'volet-sante-mentale', from: 'cls-niort', to: 'clsm-niort' } }],
    },
    {
      name: 'two CLSMs: the fix points to the one sharing the most population',
      doc: doc({
        mechanisms: [
          mech('cls-niortais', 'CLS', [], { territory: { epci: [EPCI.niortais] }, dates: { signed: '2023-01-10' } }),
          mech('clsm-couronne', 'CLSM', [C.chauray, C.aiffres]),
          mech('clsm-niort', 'CLSM', [C.niort]),
        ],
      }),
      findings: [{ subjects: ['cls-niortais'], fixLink: { kind: 'volet-sante-mentale', from: 'cls-niortais', to: 'clsm-niort' } }],
    },
    {
      name: 'a volet-sante-mentale link from another CLS does not count for this one',
      doc: doc({
        mechanisms: [cls({ signed: '2023-01-10' }), mech('cls-other', 'CLS', [C.bressuire], { mentalHealthComponent: true }), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ kind: 'volet-sante-mentale', from: 'cls-other', to: 'clsm-niort' }],
      }),
      findings: [{ subjects: ['cls-niort'] }],
    },
  ],
  passes: [
    { name: 'the CLS declares a mental-health component', doc: doc({ mechanisms: [cls({ signed: '2023-01-10' }, { mentalHealthComponent: true })] }) },
    {
      name: 'a CLSM is declared as its mental-health component',
      doc: doc({
        mechanisms: [cls({ signed: '2023-01-10' }), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ kind: 'volet-sante-mentale', from: 'cls-niort', to: 'clsm-niort' }],
      }),
    },
    { name: 'a CLS in preparation', doc: doc({ mechanisms: [cls({ signed: '2023-01-10' }, { status: 'project' })] }) },
    { name: 'a dormant CLS', doc: doc({ mechanisms: [cls({ signed: '2023-01-10' }, { status: 'dormant' })] }) },
    {
      name: 'a CLS that ended before the reference date',
      doc: doc({ mechanisms: [cls({ signed: '2022-06-01', start: '2022-06-01', end: '2024-12-31' }, { status: 'ended' })] }),
    },
    {
      name: 'a CLS signed for a period that has not started yet',
      doc: doc({ mechanisms: [cls({ signed: '2025-05-01', start: '2025-09-01' })] }),
    },
  ],
});

describe('rule cls-mental-health-missing: suggested link', () => {
  it('suggests no link when the only CLSM on the territory is dormant', () => {
    const [finding] = runRule('cls-mental-health-missing', doc({ mechanisms: [cls({ signed: '2023-01-10' }), mech('clsm-niort', 'CLSM', [C.niort], { status: 'dormant' })] }));
    expect(finding.fix.link).toBeUndefined();
    expect(finding.fix.message).toMatch(/création d'un CLSM/);
  });
  it('a profile may override the per-case severity', () => {
    const [finding] = runRule('cls-mental-health-missing', doc({ mechanisms: [cls({ signed: '2018-01-01' })] }), { profile: { severities: { 'cls-mental-health-missing': 'warning' } } });
    expect(finding.severity).toBe('warning');
  });
});
