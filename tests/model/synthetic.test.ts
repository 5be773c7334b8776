// The synthetic France-wide dataset (data/synthetic.ts) used by the benches.
import { describe, expect, it } from 'vitest';
import { BASE_COUNTS, generateSyntheticDataset, hashSeed, SYNTHETIC_AS_OF, syntheticDepartements } from '../../data/synthetic.ts';
import { mulberry32 } from '../../model/random.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { runRules } from '../../model/rules/engine.ts';
import type { DatasetInput } from '../../model/schema.ts';
import { validateDataset } from '../../model/validate.ts';
import { MECHANISM_KINDS, type MechanismKind } from '../../model/vocabulary.ts';
import { loadTerritories } from '../../server/territories.ts';

const territories = loadTerritories();
const one = generateSyntheticDataset(territories, { scale: 1, seed: 1 });
const mechanisms = (d: DatasetInput) => d.mechanisms ?? [];

function countByKind(d: DatasetInput): Record<MechanismKind, number> {
  const counts = Object.fromEntries(MECHANISM_KINDS.map((k) => [k, 0])) as Record<MechanismKind, number>;
  for (const m of mechanisms(d)) counts[m.kind]++;
  return counts;
}

/** The set of distinct perimeters (as declared) per kind. */
function territoriesByKind(d: DatasetInput): Record<string, Set<string>> {
  const out: Record<string, Set<string>> = {};
  for (const m of mechanisms(d)) (out[m.kind] ??= new Set()).add(JSON.stringify(m.territory));
  return out;
}

function build(d: DatasetInput): ArticulationModel {
  const result = validateDataset(d, territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5), null, 1));
  return new ArticulationModel(result.dataset, territories);
}

describe('seeded PRNG', () => {
  it('mulberry32 is deterministic and uniform-looking', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(1, 'b'));
  });
});

describe('generateSyntheticDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateSyntheticDataset(territories, { scale: 1, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(one));
    const other = generateSyntheticDataset(territories, { scale: 1, seed: 2 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(one));
  }, 30_000);

  it('passes validateDataset at scale 1', () => {
    const result = validateDataset(one, territories);
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
  });

  it('has the counts of France at scale 1', () => {
    expect(countByKind(one)).toEqual({ CLSM: 300, CLS: 600, PTSM: 101, CPTS: 800, DAC: 100, ASV: 250 });
    expect(one.people!.length).toBeGreaterThan(1_350);
    expect(one.people!.length).toBeLessThan(1_650);
    expect(one.links!.length).toBeGreaterThan(1_000);
    for (const kind of ['avis', 'contribution', 'declinaison', 'volet-sante-mentale', 'prise-en-compte', 'articulation']) {
      expect(one.links!.some((l) => l.kind === kind), kind).toBe(true);
    }
  });

  it('puts one PTSM on each of the 101 départements (metropolitan France and the DROM)', () => {
    const deps = syntheticDepartements(territories);
    expect(deps).toHaveLength(101);
    expect(deps).toEqual(expect.arrayContaining(['01', '2A', '2B', '95', '971', '972', '973', '974', '976']));
    expect(deps).not.toContain('975');
    const ptsm = mechanisms(one).filter((m) => m.kind === 'PTSM');
    expect(ptsm.map((m) => m.territory.departements?.[0]).sort()).toEqual([...deps].sort());
  });

  it('uses real territories of the right kind, including Paris, Lyon and Marseille', () => {
    const ms = mechanisms(one);
    const declared = (kind: string, field: 'communes' | 'epci' | 'departements') => ms.filter((m) => m.kind === kind && (m.territory[field]?.length ?? 0) > 0).length;
    expect(declared('CLSM', 'epci')).toBeGreaterThan(50);
    expect(declared('CLSM', 'communes')).toBeGreaterThan(50);
    expect(declared('CLSM', 'departements')).toBe(0);
    expect(declared('CLS', 'epci')).toBeGreaterThan(100);
    expect(ms.filter((m) => m.kind === 'ASV').every((m) => m.territory.communes?.length === 1 && !m.territory.epci?.length)).toBe(true);
    expect(ms.filter((m) => m.kind === 'DAC').every((m) => m.territory.departements?.length === 1)).toBe(true);
    const communes = new Set(ms.flatMap((m) => m.territory.communes ?? []));
    expect([...communes].some((c) => c.startsWith('751'))).toBe(true); // Paris arrondissements
    expect([...communes].some((c) => c.startsWith('132'))).toBe(true); // Marseille arrondissements
    expect(communes.has('69123')).toBe(true); // Lyon
  });

  it('looks like France: CLSM size, statuses and rules firing in sensible proportions', () => {
    const model = build(one);
    const clsm = model.entries.filter((e) => e.mechanism.kind === 'CLSM');
    const meanPopulation = clsm.reduce((s, e) => s + e.population, 0) / clsm.length;
    expect(meanPopulation).toBeGreaterThan(60_000);
    expect(meanPopulation).toBeLessThan(160_000);
    const statuses = new Set(model.entries.map((e) => e.mechanism.status));
    expect([...statuses].sort()).toEqual(['active', 'dormant', 'ended', 'project']);

    const findings = runRules(model, { asOf: SYNTHETIC_AS_OF });
    const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
    // Most CLSMs gave their avis on the project: the missing ones are a minority.
    const avisGiven = model.links.filter((l) => l.kind === 'avis' && l.stage === 'projet').length;
    expect(count('ptsm-avis-missing')).toBeGreaterThan(0);
    expect(count('ptsm-avis-missing')).toBeLessThan(avisGiven / 2);
    expect(count('ptsm-avis-late')).toBeGreaterThan(0);
    expect(count('clsm-copil-composition')).toBeGreaterThan(0);
    expect(count('clsm-copil-composition')).toBeLessThan(clsm.length / 2);
    expect(count('clsm-overlap')).toBeGreaterThan(0);
    expect(count('clsm-overlap')).toBeLessThan(30);
  }, 30_000);

  it('has ten times the mechanisms, people and links at scale 10, on the same territories', () => {
    const ten = generateSyntheticDataset(territories, { scale: 10, seed: 1 });
    const base = countByKind(one);
    const counts = countByKind(ten);
    for (const kind of MECHANISM_KINDS) expect(counts[kind], kind).toBe(10 * BASE_COUNTS[kind]);
    expect(counts).toEqual(Object.fromEntries(MECHANISM_KINDS.map((k) => [k, 10 * base[k]])));
    // Same pool of territories, ten times denser.
    const t1 = territoriesByKind(one);
    const t10 = territoriesByKind(ten);
    for (const kind of MECHANISM_KINDS) expect([...t10[kind]].sort(), kind).toEqual([...t1[kind]].sort());
    expect(ten.people!.length / one.people!.length).toBeGreaterThan(8);
    expect(ten.people!.length / one.people!.length).toBeLessThan(12);
    expect(ten.links!.length / one.links!.length).toBeGreaterThan(8);
    expect(ten.links!.length / one.links!.length).toBeLessThan(12);
    // The first replica of each slot is the scale-1 mechanism.
    const byId = new Map(mechanisms(ten).map((m) => [m.id, m]));
    for (const m of mechanisms(one)) expect(byId.get(m.id)).toEqual(m);

    const result = validateDataset(ten, territories);
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
    const model = new ArticulationModel((result as Extract<typeof result, { ok: true }>).dataset, territories);
    const modelOne = build(one);
    expect(model.incidenceCount).toBe(10 * modelOne.incidenceCount);
  }, 60_000);
});
