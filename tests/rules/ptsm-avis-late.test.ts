import { describe, expect, it } from 'vitest';
import { SYNTHETIC_AS_OF, generateSyntheticDataset } from '../../data/synthetic.ts';
import { avisChecklist } from '../../model/avis.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { createContext, runRules } from '../../model/rules/engine.ts';
import { validateDataset } from '../../model/validate.ts';
import { AVIS_STAGES } from '../../model/vocabulary.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, describeRule, doc, mech } from './harness.ts';

const ptsm = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' } });
const clsm = mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } });
const avis = (id: string | undefined, stage: 'diagnostic' | 'projet', date?: string) => ({
  ...(id ? { id } : {}),
  kind: 'avis' as const,
  from: 'clsm-niort',
  to: 'ptsm-79',
  stage,
  ...(date ? { date } : {}),
  opinion: 'favorable' as const,
});

describeRule('ptsm-avis-late', {
  fires: [
    {
      name: 'the avis on the project is dated after the adoption',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('avis-niort-projet', 'projet', '2021-07-01')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'avis-niort-projet'], severity: 'error', message: /1er juillet 2021.*9 juin 2021/ }],
    },
    {
      name: 'the avis on the project is dated the day after the adoption',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a1', 'projet', '2021-06-10')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'a1'] }],
    },
    {
      name: 'both avis are late: one finding per link',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a-diag', 'diagnostic', '2019-08-01'), avis('a-proj', 'projet', '2021-07-01')] }),
      findings: [
        { subjects: ['clsm-niort', 'ptsm-79', 'a-diag'], message: /diagnostic territorial partagé.*1er août 2019.*5 juillet 2019/ },
        { subjects: ['clsm-niort', 'ptsm-79', 'a-proj'], message: /projet territorial/ },
      ],
    },
    {
      name: 'a PTSM in preparation whose diagnostic is adopted: an avis on the diagnostic given afterwards is late',
      asOf: '2026-12-07',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { diagnosticAdopted: '2026-10-15', adopted: '2027-03-01' } }, clsm], links: [avis('a-diag', 'diagnostic', '2026-11-02')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'a-diag'], severity: 'error', message: /^L'avis du CLSM clsm-niort sur le diagnostic territorial partagé du PTSM ptsm-79 est daté du 2 novembre 2026, après son adoption le 15 octobre 2026\.$/ }],
    },
    {
      name: 'a link without id is named by its default id',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis(undefined, 'projet', '2021-07-01')] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'avis--clsm-niort--ptsm-79--projet'] }],
    },
    {
      name: 'diagnostic adoption date unknown: the diagnostic avis is late against the project adoption',
      doc: doc({
        mechanisms: [{ ...ptsm, dates: { start: '2021-06-09', adopted: '2021-06-09' } }, clsm],
        links: [avis('a-diag', 'diagnostic', '2021-09-01'), avis('a-proj', 'projet', '2021-05-01')],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'a-diag'] }],
    },
  ],
  passes: [
    {
      name: 'avis given before the adoptions',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a-diag', 'diagnostic', '2019-05-01'), avis('a-proj', 'projet', '2021-03-15')] }),
    },
    {
      name: 'an avis dated on the day of the adoption is on time',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a-proj', 'projet', '2021-06-09')] }),
    },
    {
      name: 'an undated avis is not reported as late',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a-proj', 'projet')] }),
    },
    {
      name: 'of two avis on the project, the earliest counts and was on time',
      doc: doc({ mechanisms: [ptsm, clsm], links: [avis('a-late', 'projet', '2021-07-01'), avis('a-early', 'projet', '2021-03-15')] }),
    },
    {
      name: 'a CLSM created after the adoption gave its avis afterwards: it was not required',
      doc: doc({
        mechanisms: [ptsm, { ...clsm, dates: { start: '2023-01-01' } }],
        links: [avis('a-proj', 'projet', '2023-03-01')],
      }),
    },
    {
      name: 'the PTSM is in preparation: its project not adopted yet, an avis on it cannot be late',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'project', dates: { adopted: '2026-03-01' } }, clsm], links: [avis('a-proj', 'projet', '2025-05-01')] }),
    },
    {
      name: 'the PTSM is dormant',
      doc: doc({ mechanisms: [{ ...ptsm, status: 'dormant' }, clsm], links: [avis('a-proj', 'projet', '2021-07-01')] }),
    },
  ],
});

describe('rule ptsm-avis-late: agrees with the avis checklist', () => {
  it('reports exactly the late rows of the checklists of the PTSMs active or in preparation (synthetic national data)', () => {
    const territories = loadTerritories();
    const result = validateDataset(generateSyntheticDataset(territories, { scale: 0.5, seed: 7 }), territories);
    if (!result.ok) throw new Error('invalid synthetic dataset');
    const model = new ArticulationModel(result.dataset, territories);
    const ctx = createContext(model, { asOf: SYNTHETIC_AS_OF });
    const expected: string[] = [];
    for (const ptsm of ctx.avisPtsms()) {
      for (const row of avisChecklist(model, ptsm.mechanism.id, SYNTHETIC_AS_OF)!.rows) {
        for (const stage of AVIS_STAGES) if (row.stages[stage].state === 'late') expected.push(`${row.clsm.id}+${ptsm.mechanism.id}+${row.stages[stage].link!.id}`);
      }
    }
    const found = runRules(model, { asOf: SYNTHETIC_AS_OF, rules: ['ptsm-avis-late'] }).map((f) => f.subjects.join('+'));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.sort()).toEqual(expected.sort());
  });
});

describeRule('ptsm-avis-late', {
  fires: [
    {
      name: 'replayed after the late avis was given',
      asOf: '2021-08-01',
      doc: doc({
        mechanisms: [mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { adopted: '2021-06-09' } }), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ id: 'avis-1', kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-07-20' }],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79', 'avis-1'] }],
    },
  ],
  passes: [
    {
      name: 'replayed before the (late) avis was given: it is missing then, not late',
      asOf: '2021-07-01',
      doc: doc({
        mechanisms: [mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { adopted: '2021-06-09' } }), mech('clsm-niort', 'CLSM', [C.niort])],
        links: [{ id: 'avis-1', kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-07-20' }],
      }),
    },
  ],
});
