// « Échéances »: the dates that call for action on a territory, coming and passed, with whom to contact.
import { describe, expect, it } from 'vitest';
import { addMonths, deadlines } from '../../model/echeances.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();

describe('deadlines', () => {
  const due = deadlines(model, { asOf: DEMO_AS_OF });

  it('lists the avis to collect before a planned PTSM adoption, soonest first, with the coordinators to contact', () => {
    const avis = due.upcoming.filter((d) => d.kind === 'avis-a-recueillir');
    expect(avis.map((d) => d.clsm!.id).sort()).toEqual(['clsm-bressuire', 'clsm-niort', 'clsm-niortais', 'clsm-thouars']);
    expect(avis.every((d) => d.date === '2027-03-01' && d.mechanism.id === 'ptsm-79-2027' && !d.passed)).toBe(true);
    const niort = avis.find((d) => d.clsm!.id === 'clsm-niort')!;
    expect(niort.message).toBe("Recueillir l'avis du CLSM de Niort sur le projet avant l'adoption prévue le 1er mars 2027 (le PTSM des Deux-Sèvres 2027-2032).");
    expect(niort.contacts.map((c) => c.mechanism)).toContain('clsm-niort');
    expect(due.upcoming.map((d) => d.date)).toEqual([...due.upcoming.map((d) => d.date)].sort());
  });

  it('lists what passed lately: a PTSM that reached five years, a diagnostic adopted without a CLSM’s avis', () => {
    expect(due.passed.find((d) => d.kind === 'ptsm-cinq-ans')).toMatchObject({ date: '2026-06-09', mechanism: { id: 'ptsm-79' }, message: 'Le PTSM des Deux-Sèvres a atteint cinq ans le 9 juin 2026 : son renouvellement est dû.' });
    const diagnostic = due.passed.filter((d) => d.kind === 'diagnostic-sans-avis');
    expect(diagnostic.map((d) => d.clsm!.id).sort()).toEqual(['clsm-bressuire', 'clsm-niortais', 'clsm-thouars']);
    // The CLSM that gave its avis on the diagnostic is not listed.
    expect(diagnostic.some((d) => d.clsm!.id === 'clsm-niort')).toBe(false);
  });

  it('keeps to the horizon and the territory asked', () => {
    const soon = deadlines(model, { asOf: DEMO_AS_OF, months: 2, pastMonths: 3 });
    expect(soon.upcoming.filter((d) => d.kind === 'avis-a-recueillir')).toEqual([]);
    expect(soon.passed.some((d) => d.kind === 'ptsm-cinq-ans')).toBe(false);
    expect(soon.passed.some((d) => d.kind === 'diagnostic-sans-avis')).toBe(true);
    const vendee = deadlines(model, { asOf: DEMO_AS_OF, departements: ['85'] });
    expect([...vendee.upcoming, ...vendee.passed]).toEqual([]);
  });

  it('a CLS ending within the horizon is announced, and one that ended is said passed', () => {
    const cls = model.get('cls-niort-2019')!.mechanism;
    expect(cls.dates!.end).toBe('2024-12-31');
    const before = deadlines(model, { asOf: '2024-11-15' });
    expect(before.upcoming.find((d) => d.kind === 'cls-fin' && d.mechanism.id === cls.id)?.message).toBe('Le CLS de la Ville de Niort 2019-2024 prend fin le 31 décembre 2024 : préparer son renouvellement.');
    const after = deadlines(model, { asOf: '2025-03-01' });
    expect(after.passed.find((d) => d.kind === 'cls-fin' && d.mechanism.id === cls.id)?.message).toBe('Le CLS de la Ville de Niort 2019-2024 a pris fin le 31 décembre 2024 : le renouveler ou le clore.');
    expect(deadlines(model, { asOf: '2026-06-01' }).passed.some((d) => d.mechanism.id === cls.id)).toBe(false);
  });

  it('adds months to a date, clamping to the last day', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-07', -12)).toBe('2025-12-07');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});
