import { describe, expect, it } from 'vitest';
import type { Mechanism } from '../../model/schema.ts';
import { contrastRatio, resolvePalette } from '../../client/src/lib/colors.ts';
import { buildDiagram, NODE_H, NODE_W, readableText, territoryCodesFor, type TerritoryInfo } from '../../client/src/lib/diagram.ts';
import { CHECKLIST, VIEW } from './fixtures.ts';

const palette = resolvePalette();
const mech = (id: string, kind: Mechanism['kind'], territory: Mechanism['territory']): Mechanism => ({ id, kind, name: id, status: 'active', territory });
const MECHANISMS = new Map<string, Mechanism>([
  ['ptsm-79', mech('ptsm-79', 'PTSM', { communes: [], epci: [], departements: ['79'] })],
  ['clsm-niort', mech('clsm-niort', 'CLSM', { communes: ['79191'], epci: [], departements: [] })],
  ['cls-niort', mech('cls-niort', 'CLS', { communes: ['79191'], epci: [], departements: [] })],
  ['clsm-bressuire', mech('clsm-bressuire', 'CLSM', { communes: [], epci: ['200040244'], departements: [] })],
  ['cls-old', mech('cls-old', 'CLS', { communes: [], epci: ['247900798'], departements: [] })],
  ['cpts-saint-maixent', mech('cpts-saint-maixent', 'CPTS', { communes: ['79270', '79049'], epci: [], departements: [] })],
]);
const TERRITORIES = new Map<string, TerritoryInfo>([
  ['200041317', { code: '200041317', name: 'CA du Niortais', type: 'epci', communes: ['79191', '79081'] }],
  ['200040244', { code: '200040244', name: 'CA du Bocage Bressuirais', type: 'epci', communes: ['79049'] }],
  ['79191', { code: '79191', name: 'Niort', type: 'commune', communes: ['79191'] }],
]);
const input = { departement: { code: '79', name: 'Deux-Sèvres' }, graph: VIEW, mechanisms: MECHANISMS, territories: TERRITORIES, checklists: [CHECKLIST] };

describe('département diagram', () => {
  const d = buildDiagram(input, palette);
  const byId = new Map(d.elements.map((e) => [e.data.id, e]));

  it('nests territories: département ⊃ EPCI ⊃ commune ⊃ mechanisms', () => {
    expect(byId.get('dep:79')!.data.parent).toBeUndefined();
    expect(byId.get('ptsm-79')!.data.parent).toBe('dep:79');
    expect(byId.get('clsm-bressuire')!.data.parent).toBe('epci:200040244');
    expect(byId.get('epci:200040244')!.data.label).toBe('CA du Bocage Bressuirais');
    expect(byId.get('clsm-niort')!.data.parent).toBe('commune:79191');
    expect(byId.get('cls-niort')!.data.parent).toBe('commune:79191');
    expect(byId.get('commune:79191')!.data.parent).toBe('epci:200041317');
  });

  it('groups a mechanism whose communes lie in several EPCI (or none known) in a compound of its own', () => {
    // The CPTS is in preparation: shown only with the inactive mechanisms.
    expect(byId.has('cpts-saint-maixent')).toBe(false);
    const all = new Map(buildDiagram({ ...input, includeInactive: true }, palette).elements.map((e) => [e.data.id, e]));
    expect(all.get('cpts-saint-maixent')!.data.parent).toBe('groupe:cpts-saint-maixent');
    expect(all.get('groupe:cpts-saint-maixent')!.data).toMatchObject({ parent: 'dep:79', level: 'group', label: '79270, 79049' });
  });

  it('keeps only the département, and active mechanisms unless asked', () => {
    expect(byId.has('clsm-poitiers')).toBe(false);
    expect(byId.has('cls-old')).toBe(false);
    expect(byId.has('coord-1')).toBe(false);
    const all = buildDiagram({ ...input, includeInactive: true }, palette);
    expect(all.elements.some((e) => e.data.id === 'cls-old')).toBe(true);
    expect(all.elements.find((e) => e.data.id === 'cls-old')!.classes).toContain('inactive');
  });

  it('colours avis edges by state: green received, orange late, red missing', () => {
    const avis = d.elements.filter((e) => e.classes?.startsWith('avis'));
    const state = (id: string) => avis.find((e) => e.data.id === id)!;
    expect(state('avis:clsm-niort:ptsm-79:diagnostic').data).toMatchObject({ state: 'received', color: palette.avis.received, source: 'clsm-niort', target: 'ptsm-79' });
    expect(state('avis:clsm-niort:ptsm-79:projet').data).toMatchObject({ state: 'late', color: palette.avis.late });
    expect(state('avis:clsm-bressuire:ptsm-79:projet').data).toMatchObject({ state: 'missing', color: palette.avis.missing });
    expect(avis.some((e) => e.data.id === 'avis:clsm-bressuire:ptsm-79:diagnostic')).toBe(false); // not required
    expect(palette.avis.received).toBe('#18753c');
    expect(palette.avis.missing).toBe('#ce0500');
    expect(d.counts.avis).toMatchObject({ received: 1, late: 1, missing: 1 });
    // Declared avis links are not drawn twice.
    expect(d.elements.some((e) => e.data.id === 'l:avis--clsm-niort--ptsm-79--projet')).toBe(false);
  });

  it('draws CLS–CLSM links, declared or missing', () => {
    expect(d.clsClsm).toEqual([{ cls: 'cls-niort', clsm: 'clsm-niort', declared: true, label: 'Volet santé mentale du CLS' }]);
    expect(byId.get('cc:volet--cls-niort--clsm-niort')!.classes).toBe('cls-clsm');
    const ghostView = { ...VIEW, edges: [...VIEW.edges, { id: 'ghost--x', type: 'ghost' as const, source: 'cls-niort', target: 'clsm-bressuire', kind: 'articulation' as const }] };
    const g = buildDiagram({ ...input, graph: ghostView }, palette);
    expect(g.elements.find((e) => e.data.id === 'cc:ghost--x')!.classes).toBe('cls-clsm ghost');
  });

  it('places mechanisms without overlap, the same way every time', () => {
    const leaves = d.elements.filter((e) => e.position);
    for (let i = 0; i < leaves.length; i++) {
      for (let j = i + 1; j < leaves.length; j++) {
        const [a, b] = [leaves[i].position!, leaves[j].position!];
        const apart = Math.abs(a.x - b.x) >= NODE_W || Math.abs(a.y - b.y) >= NODE_H;
        expect(apart, `${leaves[i].data.id} / ${leaves[j].data.id}`).toBe(true);
      }
    }
    expect(buildDiagram(input, palette).elements).toEqual(d.elements);
  });

  it('labels are readable on their fill', () => {
    for (const e of d.elements.filter((x) => x.classes?.includes('mechanism'))) {
      expect(contrastRatio(String(e.data.textColor), String(e.data.color))).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableText('#000091', palette)).toBe('#ffffff');
    expect(readableText('#c3992a', palette)).toBe(palette.misc.textStrong);
  });

  it('lists the territory codes to describe', () => {
    expect(territoryCodesFor(MECHANISMS.values())).toEqual({ epci: ['200040244', '247900798'], communes: ['79049', '79191', '79270'] });
  });
});
