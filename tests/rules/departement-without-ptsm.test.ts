import { describe, expect, it } from 'vitest';
import { C, describeRule, doc, mech, runRule } from './harness.ts';

const POITIERS = '86194';
const ptsm = (dep: string, overrides = {}) => mech(`ptsm-${dep}`, 'PTSM', [], { territory: { departements: [dep] }, dates: { adopted: '2021-06-09' }, ...overrides });
const NOUVELLE_AQUITAINE = '75';

describeRule('departement-without-ptsm', {
  fires: [
    {
      name: 'a département of the declared scope has no PTSM',
      doc: doc({ scope: { departements: ['79', '86'] }, mechanisms: [ptsm('79')] }),
      findings: [{ subjects: [], severity: 'error', message: /le département « Vienne » \(86\)/ }],
    },
    {
      name: 'without scope: a département where an active CLSM stands',
      doc: doc({ mechanisms: [ptsm('86'), mech('clsm-poitiers', 'CLSM', [POITIERS]), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: [], message: /le département « Deux-Sèvres » \(79\)/ }],
    },
    {
      name: 'without scope: a mechanism counts for its main département whatever its status (a CLSM in preparation in Vienne)',
      doc: doc({ mechanisms: [ptsm('79'), mech('clsm-poitiers', 'CLSM', [POITIERS], { status: 'project' }), mech('cls-poitiers', 'CLS', [POITIERS], { status: 'dormant' })] }),
      findings: [{ subjects: [], message: /^Aucun PTSM actif ne couvre le département « Vienne » \(86\), qui compte [\d\s\u202f]+ habitants\.$/ }],
    },
    {
      name: 'a mechanism whose territory lists two départements counts for each of them',
      doc: doc({ mechanisms: [ptsm('79'), mech('dac-interdep', 'DAC', [], { territory: { departements: ['79', '86'] } })] }),
      findings: [{ subjects: [], message: /« Vienne » \(86\)/ }],
    },
    {
      name: 'the PTSM of the département is dormant',
      doc: doc({ mechanisms: [ptsm('79', { status: 'dormant' }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: [] }],
    },
    {
      name: 'the PTSM of the département ended before the reference date',
      doc: doc({ scope: { departements: ['79'] }, mechanisms: [ptsm('79', { status: 'ended', dates: { adopted: '2014-06-01', end: '2020-12-31' } })] }),
      findings: [{ subjects: [] }],
    },
    {
      name: 'a région in scope: each of its départements without PTSM',
      doc: doc({ scope: { regions: [NOUVELLE_AQUITAINE] }, mechanisms: [ptsm('79'), ptsm('86')] }),
      findings: Array.from({ length: 10 }, () => ({ subjects: [] })),
    },
  ],
  passes: [
    { name: 'the département in scope has its PTSM', doc: doc({ scope: { departements: ['79'] }, mechanisms: [ptsm('79')] }) },
    { name: 'without scope: every touched département has a PTSM', doc: doc({ mechanisms: [ptsm('79'), mech('clsm-niort', 'CLSM', [C.niort]), mech('cls-bressuire', 'CLS', [C.bressuire])] }) },
    {
      name: 'without scope: one commune of a neighbouring département inside a CPTS does not put it in scope',
      doc: doc({ mechanisms: [ptsm('79'), mech('cpts-gatine-vendee', 'CPTS', ['79202', '79311', '85059'])] }),
    },
    {
      name: 'without scope: a CLSM mostly in the Deux-Sèvres with a smaller Vienne commune counts for the Deux-Sèvres only',
      doc: doc({ mechanisms: [ptsm('79'), mech('clsm-limite', 'CLSM', [C.niort, '86001'])] }),
    },
    { name: 'a PTSM on part of the département touches it', doc: doc({ scope: { departements: ['79'] }, mechanisms: [ptsm('79', { territory: { communes: [C.niort, C.chauray] } })] }) },
    { name: 'an empty scope falls back to the touched départements', doc: doc({ scope: {}, mechanisms: [ptsm('79'), mech('clsm-niort', 'CLSM', [C.niort])] }) },
    { name: 'an empty dataset', doc: doc({ mechanisms: [] }) },
  ],
});

describe('rule departement-without-ptsm: départements', () => {
  it('names each finding after its département', () => {
    const findings = runRule('departement-without-ptsm', doc({ scope: { regions: [NOUVELLE_AQUITAINE], departements: ['75'] }, mechanisms: [ptsm('79'), ptsm('86')] }));
    expect(findings.map((f) => f.id).sort()).toEqual(
      ['16', '17', '19', '23', '24', '33', '40', '47', '64', '75', '87'].map((d) => `departement-without-ptsm:${d}`),
    );
    expect(findings.every((f) => f.departements.length === 1 && f.id.endsWith(`:${f.departements[0]}`))).toBe(true);
    expect(findings.find((f) => f.departements[0] === '75')!.message).toMatch(/le département « Paris » \(75\)/);
  });
  it('is kept by a territorial filter on its département only', () => {
    const input = doc({ scope: { departements: ['79', '86'] }, mechanisms: [ptsm('79')] });
    expect(runRule('departement-without-ptsm', input).map((f) => f.departements)).toEqual([['86']]);
  });
});
