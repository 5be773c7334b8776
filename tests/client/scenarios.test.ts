// The pure half of the Scénarios view: changes in French, and the changes its forms propose.
import { describe, expect, it } from 'vitest';
import { addLinkChange, codesOf, coordinatorChange, describeChange, endMechanismChange, newMechanismChange, removeLinkChange, withoutChange } from '../../client/src/lib/scenarios.ts';
import type { ScenarioChange } from '../../model/scenario.ts';
import type { Mechanism } from '../../model/schema.ts';

const names = new Map([['clsm-niort', 'CLSM de Niort'], ['ptsm-79', 'PTSM des Deux-Sèvres']]);
const nameOf = (id: string) => names.get(id) ?? id;

describe('scenario changes', () => {
  it('a new mechanism is in preparation until its planned date, then active', () => {
    const change = newMechanismChange({ kind: 'CLSM', name: ' CLSM du Thouarsais ', communes: '79329, 79049;79003', epci: '', from: '2026-03-01', today: '2025-06-01' });
    expect(change).toEqual({
      op: 'create',
      kind: 'mechanisms',
      data: { kind: 'CLSM', name: 'CLSM du Thouarsais', status: 'active', territory: { communes: ['79329', '79049', '79003'], epci: [] }, statusHistory: [{ status: 'project', from: '2025-06-01' }, { status: 'active', from: '2026-03-01' }] },
    });
    expect(newMechanismChange({ kind: 'CLS', name: 'CLS', communes: '', epci: '200041317', from: '', today: '2025-06-01' }).data).not.toHaveProperty('statusHistory');
    expect(newMechanismChange({ kind: 'CLSM', name: 'X', communes: '79329', epci: '', from: '2024-01-01', today: '2025-06-01' }).data!.statusHistory).toEqual([{ status: 'active', from: '2024-01-01' }]);
    expect(describeChange(change as ScenarioChange & { id: string }, nameOf)).toBe('Créer le dispositif « CLSM du Thouarsais » (CLSM), actif à partir du 01/03/2026');
    expect(codesOf(' 79191 ,,79049\n')).toEqual(['79191', '79049']);
  });

  it('a planned end extends a dated history, or sets the end date of a mechanism without one', () => {
    const dated: Mechanism = { id: 'clsm-niort', kind: 'CLSM', name: 'CLSM de Niort', status: 'active', territory: { communes: ['79191'], epci: [], departements: [] }, statusHistory: [{ status: 'active', from: '2015-01-01' }] };
    const end = endMechanismChange({ id: 'clsm-niort', version: 3, data: dated }, '2027-01-01');
    expect(end).toMatchObject({ op: 'update', id: 'clsm-niort', baseVersion: 3, data: { status: 'ended', statusHistory: [{ status: 'active', from: '2015-01-01' }, { status: 'ended', from: '2027-01-01' }] } });
    const plain: Mechanism = { ...dated, statusHistory: undefined, dates: { start: '2015-01-01' } };
    expect(endMechanismChange({ id: 'clsm-niort', version: 1, data: plain }, '2027-01-01').data).toMatchObject({ status: 'active', dates: { start: '2015-01-01', end: '2027-01-01' } });
    expect(describeChange(end as ScenarioChange, nameOf)).toBe('Terminer le dispositif « CLSM de Niort » le 01/01/2027');
  });

  it('links and coordinators, in French', () => {
    const link = addLinkChange('contribution', 'clsm-niort', 'ptsm-79');
    expect(describeChange({ ...link, id: 'x' } as ScenarioChange, nameOf)).toBe('Ajouter le lien « Contribution au PTSM » de « CLSM de Niort » vers « PTSM des Deux-Sèvres »');
    const removal = { ...removeLinkChange({ id: 'avis--clsm-niort--ptsm-79--projet', version: 2 }), before: { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79' } } as ScenarioChange;
    expect(describeChange(removal, nameOf)).toBe('Retirer le lien « Avis sur le PTSM » de « CLSM de Niort » vers « PTSM des Deux-Sèvres »');
    const m: Mechanism = { id: 'clsm-niort', kind: 'CLSM', name: 'CLSM de Niort', status: 'active', territory: { communes: [], epci: [], departements: [] }, coordinators: [{ person: 'a', fte: 1 }, { person: 'b', fte: 0.2 }] };
    expect(coordinatorChange({ id: 'clsm-niort', version: 1, data: m }, 'b', 0.5).data!.coordinators).toEqual([{ person: 'a', fte: 1 }, { person: 'b', fte: 0.5 }]);
    const changes = [link, removeLinkChange({ id: 'pec-1', version: 2 })] as ScenarioChange[];
    expect(withoutChange(changes, 0)).toEqual([changes[1]]);
  });
});
