import { describe, expect, it } from 'vitest';
import { C, EPCI, describeRule, doc, mech, runRule } from './harness.ts';

const nord = mech('ptsm-nord', 'PTSM', [], { territory: { epci: [EPCI.bressuirais, EPCI.thouarsais] }, dates: { adopted: '2019-01-15' } });
const whole = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09', adopted: '2021-06-09' } });

describeRule('ptsm-coverage-gap', {
  fires: [
    {
      name: 'the only PTSM covers the north of the département',
      doc: doc({ mechanisms: [nord, mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [
        {
          subjects: [],
          severity: 'warning',
          message: /^\d+ communes habitées du département « Deux-Sèvres » \(79\), soit [\d\s\u202f]+ habitants \([\d,]+ % de sa population\), ne sont couvertes par aucun PTSM actif, dont Niort \(59\s?854 hab\.\), /,
          fixMessage: /^Étendre un PTSM existant aux communes non couvertes du département « Deux-Sèvres » \(79\)/,
        },
      ],
    },
    {
      name: 'replay: before the départemental PTSM, only the northern one covered part of it',
      asOf: '2020-06-30',
      doc: doc({ mechanisms: [nord, whole] }),
      findings: [{ subjects: [] }],
    },
    {
      name: 'the départemental PTSM ended: the northern one leaves a gap',
      doc: doc({ mechanisms: [nord, { ...whole, status: 'ended', dates: { adopted: '2016-01-01', end: '2021-01-01' } }] }),
      findings: [{ subjects: [] }],
    },
  ],
  passes: [
    { name: 'the départemental PTSM covers it all', doc: doc({ mechanisms: [nord, whole] }) },
    { name: 'no PTSM at all: departement-without-ptsm reports it', doc: doc({ mechanisms: [mech('clsm-niort', 'CLSM', [C.niort])] }) },
    {
      name: 'a neighbouring département touched by one commune of a CPTS and of a PTSM is not in scope',
      doc: doc({ mechanisms: [whole, mech('cpts-gatine-vendee', 'CPTS', ['79202', '79311', '85059']), mech('ptsm-gatine-vendee', 'PTSM', ['79202', '79311', '85059'])] }),
    },
    {
      name: 'a PTSM in preparation covers nothing yet, but the active one covers it all',
      doc: doc({ mechanisms: [whole, { ...nord, status: 'project' }] }),
    },
  ],
});

describe('rule ptsm-coverage-gap: data', () => {
  it('names the uncovered population and its most populated communes, and only inhabited ones', () => {
    const [finding] = runRule('ptsm-coverage-gap', doc({ scope: { departements: ['79'] }, mechanisms: [nord] }));
    const data = finding.data as { communes: number; population: number; share: number; largest: { code: string; population: number }[] };
    expect(finding.departements).toEqual(['79']);
    expect(data.largest[0]).toMatchObject({ code: '79191', population: 59854 });
    expect(data.largest).toHaveLength(5);
    expect(data.largest.every((c, i) => i === 0 || c.population <= data.largest[i - 1].population)).toBe(true);
    expect(data.population).toBeGreaterThan(200_000);
    expect(data.share).toBeGreaterThan(50);
    expect(data.share).toBeLessThan(100);
  });
});
