import { expect, it } from 'vitest';
import { C, describeRule, doc, mech, runRule } from './harness.ts';

type Funder = 'collectivite' | 'psychiatrie' | 'ars' | 'etat' | 'departement' | 'autre';
const funded = (funding: Funder[] | undefined, overrides = {}) =>
  mech('clsm-niort', 'CLSM', [C.niort], { governance: funding === undefined ? { charter: true } : { funding }, ...overrides });

describeRule('clsm-funding-not-tripartite', {
  fires: [
    {
      name: 'funded by the collectivité only',
      doc: doc({ mechanisms: [funded(['collectivite'])] }),
      findings: [{ subjects: ['clsm-niort'], message: /^Le financement du CLSM clsm-niort n'est pas tripartite : il manque le pôle ou secteur de psychiatrie et l'ARS\.$/, severity: 'info' }],
    },
    {
      name: 'psychiatry missing, whatever the other funders',
      doc: doc({ mechanisms: [funded(['collectivite', 'ars', 'departement', 'etat'])] }),
      findings: [{ subjects: ['clsm-niort'], message: /manque le pôle ou secteur de psychiatrie\./ }],
    },
    {
      name: 'funding declared as an empty list',
      doc: doc({ mechanisms: [funded([])] }),
      findings: [{ subjects: ['clsm-niort'], message: /la collectivité/ }],
    },
  ],
  passes: [
    { name: 'tripartite funding', doc: doc({ mechanisms: [funded(['ars', 'psychiatrie', 'collectivite'])] }) },
    { name: 'tripartite funding and more', doc: doc({ mechanisms: [funded(['collectivite', 'psychiatrie', 'ars', 'departement'])] }) },
    { name: 'funding unknown', doc: doc({ mechanisms: [funded(undefined)] }) },
    { name: 'a CLSM in preparation', doc: doc({ mechanisms: [funded(['collectivite'], { status: 'project' })] }) },
  ],
});

it('clsm-funding-not-tripartite: lists the missing funders in French', () => {
  const [finding] = runRule('clsm-funding-not-tripartite', doc({ mechanisms: [funded([])] }));
  expect(finding.message).toBe("Le financement du CLSM clsm-niort n'est pas tripartite : il manque la collectivité, le pôle ou secteur de psychiatrie et l'ARS.");
  expect(finding.fix.message).toBe("Solliciter le co-financement de la collectivité, du pôle ou secteur de psychiatrie et de l'ARS.");
});
