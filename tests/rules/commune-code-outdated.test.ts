import { describe, expect, it } from 'vitest';
import { C, describeRule, doc, mech, runRule } from './harness.ts';

/** Montigné (79181), a delegated commune of Celles-sur-Belle (79061) since 2019; Breloux (79082) merged into La Crèche (79048). */
const MONTIGNE = '79181';

describeRule('commune-code-outdated', {
  fires: [
    {
      name: 'a delegated commune code',
      doc: doc({ mechanisms: [mech('cpts-sud', 'CPTS', [C.aiffres, MONTIGNE], { name: 'CPTS Sud Niortais' })] }),
      findings: [
        {
          subjects: ['cpts-sud'],
          severity: 'info',
          message: /^Le territoire de la CPTS Sud Niortais cite un ancien code commune : 79181, devenu 79061 \(Celles-sur-Belle\)\. Il est lu comme la commune actuelle\.$/,
          fixMessage: /^Remplacer dans le territoire de la CPTS Sud Niortais le code 79181 par 79061/,
        },
      ],
    },
    {
      name: 'a former code listed among a current commune’s anciensCodes, and a dormant mechanism (data quality does not depend on activity)',
      doc: doc({ mechanisms: [mech('clsm-x', 'CLSM', ['79248', MONTIGNE], { status: 'dormant' })] }),
      findings: [{ subjects: ['clsm-x'], message: /2 anciens codes communes : 79248, devenu 79191 \(Niort\) et 79181, devenu 79061/ }],
    },
  ],
  passes: [
    { name: 'current codes only', doc: doc({ mechanisms: [mech('cpts-sud', 'CPTS', [C.aiffres, '79061'])] }) },
    { name: 'Paris and an arrondissement', doc: doc({ mechanisms: [mech('cls-paris', 'CLS', [C.paris, C.paris20])] }) },
    { name: 'EPCI and départements', doc: doc({ mechanisms: [mech('dac', 'DAC', [], { territory: { departements: ['79'], epci: ['200041317'] } })] }) },
  ],
});

describe('rule commune-code-outdated: the aged code is read as the current commune', () => {
  it('overlaps through the current commune', () => {
    const findings = runRule('cpts-overlap', doc({ mechanisms: [mech('cpts-a', 'CPTS', [MONTIGNE]), mech('cpts-b', 'CPTS', ['79061'])] }));
    expect(findings).toHaveLength(1);
    expect(findings[0].data?.sharedCommunes).toEqual(['79061']);
  });
});
