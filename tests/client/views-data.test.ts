// Findings grouping, avis CSV and gauge, indicator bars, palette.
import { describe, expect, it } from 'vitest';
import type { Indicators, AreaIndicators } from '../../model/indicators.ts';
import { avisChecklistCsv, avisCsvFilename, completionLevel, stateBadgeType } from '../../client/src/lib/avis.ts';
import { avisCellText, avisStageText } from '../../model/labels.ts';
import { contrastRatio, KIND_TOKENS, lighten, resolvePalette, withAlpha } from '../../client/src/lib/colors.ts';
import { countBySeverity, filterFindings, filtersFromParams, groupFindings, rulesIn } from '../../client/src/lib/findings.ts';
import { formatInt, formatPercent, truncate } from '../../client/src/lib/format.ts';
import { indicatorsCsv, metricFromParam, METRICS, seriesLines, toBars } from '../../client/src/lib/indicators.ts';
import { CHECKLIST, finding } from './fixtures.ts';

describe('findings', () => {
  const all = [
    finding({ id: 'a', severity: 'error' }),
    finding({ id: 'b', severity: 'warning', category: 'overlap', rule: 'clsm-overlap', subjects: ['clsm-niort', 'clsm-bressuire'], message: 'Chevauchement à Niort', fix: { message: 'Se coordonner' } }),
    finding({ id: 'c', severity: 'info', category: 'governance', rule: 'clsm-no-charter', subjects: ['clsm-niort'], message: 'Pas de charte', fix: { message: 'Adopter une charte' } }),
    finding({ id: 'd', severity: 'warning', category: 'missing-link', rule: 'cls-clsm-unlinked', subjects: ['cls-niort', 'clsm-niort'] }),
  ];

  it('groups by severity first (most severe first), then category (catalogue order), skipping empty groups, headed like the PDF report', () => {
    const groups = groupFindings(all);
    expect(groups.map((g) => g.severity)).toEqual(['error', 'warning', 'info']);
    expect(groups.map((g) => g.title)).toEqual(['Erreurs (1)', 'Avertissements (2)', 'Informations (1)']);
    expect(groups[1].groups.map((g) => g.category)).toEqual(['missing-link', 'overlap']);
    expect(groups[1].groups.map((g) => g.findings.map((f) => f.id))).toEqual([['d'], ['b']]);
    expect(groups[1].groups[0]).toMatchObject({ label: 'Liens manquants' });
    expect(groupFindings([])).toEqual([]);
  });

  it('filters by severity, category, rule, subject and accent-insensitive text', () => {
    const f = (params: Record<string, string>) => filterFindings(all, filtersFromParams(params), (id) => (id === 'clsm-niort' ? 'CLSM de Niort' : id)).map((x) => x.id);
    expect(f({ gravite: 'warning' })).toEqual(['b', 'd']);
    expect(f({ categorie: 'overlap,governance' })).toEqual(['b', 'c']);
    expect(f({ regle: 'clsm-no-charter' })).toEqual(['c']);
    expect(f({ sujet: 'cls-niort' })).toEqual(['d']);
    expect(f({ q: 'CHEVAUCHEMENT a niort' })).toEqual(['b']);
    expect(f({ q: 'clsm de niort' })).toEqual(['b', 'c', 'd']);
    expect(f({ gravite: 'bogus' })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts', () => {
    expect(countBySeverity(all)).toEqual({ error: 1, warning: 2, info: 1 });
    expect(rulesIn(all).map((r) => `${r.rule}:${r.count}`)).toEqual(['cls-clsm-unlinked:1', 'clsm-no-charter:1', 'clsm-overlap:1', 'ptsm-avis-missing:1']);
  });
});

describe('avis checklist', () => {
  it('exports CSV for a French spreadsheet: BOM, semicolons, quoting, CRLF, French dates', () => {
    const csv = avisChecklistCsv(CHECKLIST);
    expect(csv.startsWith('\ufeffPTSM;CLSM;Identifiant CLSM;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('PTSM des Deux-Sèvres;CLSM de Niort;clsm-niort;Actif;Reçu;10/05/2019;Favorable;05/07/2019;;En retard;01/07/2021;Favorable avec réserves;09/06/2021;');
    expect(csv).toContain('Date de référence;01/06/2025');
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(lines[2]).toContain('"CLSM du Bocage; ""Bressuirais"""');
    expect(lines[2]).toContain('Non requis');
    expect(lines[2]).toContain('Manquant');
    expect(csv).toContain('Avis dus;3');
    expect(csv).toContain('Complétude (%);33,3');
    expect(avisCsvFilename(CHECKLIST)).toBe('avis-ptsm-79-2025-06-01.csv');
  });

  it('grades the gauge and the badges', () => {
    expect(completionLevel(null)).toBe('none');
    expect(completionLevel(33.3)).toBe('error');
    expect(completionLevel(50)).toBe('warning');
    expect(completionLevel(100)).toBe('success');
    expect(stateBadgeType('received')).toBe('success');
    expect(stateBadgeType('missing')).toBe('error');
    expect(stateBadgeType('late')).toBe('warning');
    expect(stateBadgeType('not-required')).toBeUndefined();
    expect(avisStageText(CHECKLIST.rows[0].stages.projet)).toBe('le 1er juillet 2021 (favorable avec réserves) ; échéance : 9 juin 2021');
    expect(avisStageText(CHECKLIST.rows[1].stages.projet)).toBe('attendu avant le 9 juin 2021');
    expect(avisCellText(CHECKLIST.rows[0].stages.projet)).toBe('En retard le 1er juillet 2021 (favorable avec réserves) ; échéance : 9 juin 2021');
    expect(avisCellText(CHECKLIST.rows[1].stages.projet)).toBe('Manquant, attendu avant le 9 juin 2021');
  });
});

describe('indicators', () => {
  const area = (code: string, name: string, clsm: number | null, avis: (number | null)[]): AreaIndicators => {
    const ptsms = avis.map((c, i) => ({ ptsm: `p${i}`, name: `P${i}`, expected: c === null ? 0 : 2, received: c === null ? 0 : c / 50, missing: 0, late: 0, awaited: c === null ? 1 : 0, completion: c }));
    const sum = (k: 'expected' | 'received' | 'awaited') => ptsms.reduce((s, p) => s + p[k], 0);
    const expected = sum('expected');
    return {
      level: 'region',
      code,
      name,
      population: 1000,
      communes: 10,
      activeClsm: 2,
      coverage: { CLSM: { count: 0, total: 1000, percent: clsm }, CLS: { count: 0, total: 1000, percent: 10 }, CPTS: { count: 0, total: 1000, percent: 5 }, PTSM: { count: 1000, total: 1000, percent: 100 } },
      clsmUsersAndCarers: { count: 1, known: 2, active: 3, unknown: 1, percentOfKnown: 50, percentOfActive: 33.3 },
      clsmYearlyPlenary: { count: 0, known: 0, active: 2, unknown: 2, percentOfKnown: null, percentOfActive: 0 },
      avis: { expected, received: sum('received'), missing: 0, late: 0, awaited: sum('awaited'), completion: expected === 0 ? null : (100 * sum('received')) / expected, ptsms },
      uncovered: { count: 3, population: 300, communes: [] },
    };
  };
  const areas = [area('75', 'Nouvelle-Aquitaine', 40, [100, 50]), area('84', 'Auvergne-Rhône-Alpes', null, []), area('11', 'Île-de-France', 80, [null])];
  const ind: Indicators = { asOf: '2025-06-01', level: 'region', areas, france: { ...area('FR', 'France', 10, []), level: 'france' }, series: [] };

  it('bars: largest first, not computable last, percentages on a 0–100 scale', () => {
    const bars = toBars(ind, 'couverture-clsm');
    expect(bars.map((b) => b.code)).toEqual(['11', '75', '84']);
    expect(bars[0]).toMatchObject({ ratio: 0.8, text: '80 %' });
    expect(bars[2]).toMatchObject({ value: null, ratio: 0, text: '—' });
    const counts = toBars(ind, 'zones-blanches');
    expect(counts[0].ratio).toBe(1);
  });

  it('shows the avis rate the model computed over the avis due (not a mean of rates), and both governance denominators', () => {
    // 3 received of 4 due: 75 %, the checklist's definition; an area whose PTSM has only awaited avis has no rate.
    expect(METRICS.avis.value(ind.areas[0])).toBe(75);
    expect(METRICS.avis.detail!(ind.areas[0])).toBe('3 / 4 avis dus, 2 PTSM');
    expect(METRICS.avis.value(ind.areas[1])).toBeNull();
    expect(METRICS.avis.detail!(ind.areas[2])).toBe('0 / 0 avis dus, 1 PTSM ; 1 attendu plus tard');
    expect(METRICS['usagers-aidants'].value(ind.areas[0])).toBe(50);
    expect(METRICS['usagers-aidants'].detail!(ind.areas[0]).replace(/\s/g, ' ')).toBe('1 / 2 renseignés ; 1 / 3 actifs, soit 33,3 % (1 inconnu)');
    expect(METRICS['usagers-aidants'].denominator).toMatch(/renseignée/);
    expect(metricFromParam('bogus')).toBe('couverture-clsm');
    expect(indicatorsCsv(ind).split('\r\n')[1]).toMatch(/^75;Nouvelle-Aquitaine;1000;40;10;5;100;2;50;;75;300$/);
  });
});

describe('palette and formats', () => {
  it('resolves DSFR tokens, with hex fallbacks', () => {
    const fallback = resolvePalette();
    expect(fallback.kind.PTSM).toBe(KIND_TOKENS.PTSM.hex);
    const read = resolvePalette((token) => (token === '--blue-france-sun-113-625' ? ' #123456 ' : token === '--purple-glycine-main-494' ? 'var(--x)' : undefined));
    expect(read.kind.PTSM).toBe('#123456');
    expect(read.kind.CLSM).toBe(KIND_TOKENS.CLSM.hex);
    expect(withAlpha('#ffffff', 0.5)).toBe('rgba(255, 255, 255, 0.5)');
    expect(lighten('#000000', 0.5)).toBe('#808080');
  });

  it('keeps severity and text colours readable on white (WCAG AA)', () => {
    const p = resolvePalette();
    for (const c of [p.severity.error, p.severity.warning, p.severity.info, p.misc.text, p.misc.mention, p.avis.received, p.avis.missing]) {
      expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('formats in French', () => {
    expect(formatInt(375229).replace(/\s/g, ' ')).toBe('375 229');
    expect(formatPercent(57.14)).toBe('57,1 %');
    expect(formatPercent(null)).toBe('—');
    expect(truncate('Communauté d’agglomération du Niortais', 11)).toBe('Communauté…');
    expect(truncate('Niort', 12)).toBe('Niort');
  });
});

describe('yearly series', () => {
  const year = (y: number, clsm: number, areas: [string, number][]) => ({
    year: y,
    asOf: `${y}-12-31`,
    france: { code: 'FR', name: 'France', coverage: { CLSM: { percent: clsm } } },
    areas: areas.map(([code, percent]) => ({ code, coverage: { CLSM: { percent } } })),
  });
  const ind = {
    asOf: '2026-12-07',
    level: 'departement',
    france: { code: 'FR', name: 'France' },
    areas: [{ code: '79', name: 'Deux-Sèvres' }, { code: '86', name: 'Vienne' }],
    series: [year(2024, 1, [['79', 40]]), year(2025, 2, [['79', 50], ['86', 10]]), { ...year(2026, 3, [['79', 55], ['86', 12]]), asOf: '2026-12-07' }],
  } as unknown as Indicators;

  it('gives France first then each area, one value per year (null where an area was not listed), on a 0–100 scale', () => {
    const { years, asOf, lines, max } = seriesLines(ind, 'couverture-clsm');
    expect(years).toEqual([2024, 2025, 2026]);
    expect(asOf.at(-1)).toBe('2026-12-07');
    expect(lines).toEqual([
      { code: 'FR', name: 'France', values: [1, 2, 3] },
      { code: '79', name: 'Deux-Sèvres', values: [40, 50, 55] },
      { code: '86', name: 'Vienne', values: [null, 10, 12] },
    ]);
    expect(max).toBe(100);
  });
});
