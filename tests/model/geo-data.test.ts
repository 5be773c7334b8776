// The committed contours (data/geo/) against the official geographic code: every base commune of
// the TerritoryIndex (current communes, Paris/Lyon/Marseille replaced by their arrondissements)
// has a polygon, or for Lyon and Marseille an honest fallback; the exceptions are listed and known.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GEO_FILES, cityCoverage, drawingIndex, geometryCentre, type CommuneFeature } from '../../model/geo.ts';
import { loadTerritories } from '../../server/territories.ts';
import { GEO_DIR, readLayer, readManifest } from './geo-files.ts';

const t = loadTerritories();
const manifest = readManifest();

/** ../shared/geo/README.md: re-created since 2018, so no polygon of their own. */
const RECREATED = ['14666', '15031', '15035', '15047', '15171', '85165', '85212'];
/** Overseas collectivities (no ARS): no contour in the source. */
const COLLECTIVITIES = ['975', '977', '978', '984', '986', '987', '988', '989'];

// Every département file, decoded once.
const drawnBy = new Map<string, string>();
const features = new Map<string, { feature: CommuneFeature; departement: string }>();
for (const departement of manifest.departements) {
  const layer = readLayer(GEO_FILES.departement(departement));
  for (const [code, drawn] of drawingIndex(layer)) drawnBy.set(code, drawn);
  for (const feature of layer.features) features.set(feature.id, { feature, departement });
}

const population = (code: string) => t.population[t.indexOf(code)!];

describe('every commune of the COG resolves to a contour', () => {
  const missing: { code: string; name: string; departement: string }[] = [];
  const fallbacks = new Map<string, string[]>();
  for (let i = 0; i < t.communeCount; i++) {
    const code = t.codes[i];
    const drawn = drawnBy.get(code);
    if (!drawn) missing.push({ code, name: t.names[i], departement: t.departementOf[i] });
    else if (drawn !== code) fallbacks.set(drawn, [...(fallbacks.get(drawn) ?? []), code]);
  }

  it('lists the communes without one, and they are only the known exceptions', () => {
    const unexpected = missing.filter((m) => !RECREATED.includes(m.code) && !COLLECTIVITIES.includes(m.departement));
    expect(unexpected, `communes sans contour inattendues :\n${unexpected.map((m) => `${m.code} ${m.name} (${m.departement})`).join('\n')}`).toEqual([]);
    // The exceptions themselves, all of them: the 7 re-created communes and the collectivities' communes.
    expect(missing.filter((m) => RECREATED.includes(m.code)).map((m) => m.code)).toEqual(RECREATED);
    const collectivityCommunes = t.codes.filter((_, i) => COLLECTIVITIES.includes(t.departementOf[i]));
    expect(collectivityCommunes.length).toBeGreaterThan(90);
    expect(missing).toHaveLength(RECREATED.length + collectivityCommunes.length);
    // The manifest the client reads lists the same ones, each with a reason.
    expect(manifest.missing.map((m) => m.code)).toEqual(missing.map((m) => m.code).sort());
    expect(manifest.missing.every((m) => m.reason && !m.reason.startsWith('inattendu'))).toBe(true);
  });

  it('draws Paris arrondissements on their own, Lyon and Marseille as the whole city with a computable partial coverage', () => {
    for (let n = 1; n <= 20; n++) expect(drawnBy.get(`751${String(n).padStart(2, '0')}`)).toBe(`751${String(n).padStart(2, '0')}`);
    expect([...fallbacks.keys()].sort()).toEqual(['13055', '69123']);
    expect(fallbacks.get('69123')).toHaveLength(9);
    expect(fallbacks.get('13055')).toHaveLength(16);
    for (const [city, arrondissements] of fallbacks) {
      expect(features.get(city)!.feature.properties.arrondissements).toEqual(arrondissements);
      const one = cityCoverage(city, arrondissements, (c) => c === arrondissements[0], population);
      expect(one.state).toBe('partial');
      expect(one.share).toBeGreaterThan(0);
      expect(one.share).toBeLessThan(1);
      expect(one.label).toMatch(new RegExp(`^1 arrondissement sur ${arrondissements.length} \\(\\d+ % de la population\\)$`));
    }
    expect(manifest.cities.map((c) => c.code)).toEqual(['13055', '69123']);
  });

  it('draws nothing that is not a base commune, each in its own département file, as a real polygon', () => {
    for (const [code, { feature, departement }] of features) {
      if (code !== '69123' && code !== '13055') expect(t.indexOf(code), `${code} n'est pas une commune de base`).toBeDefined();
      const expected = code === '69123' ? '69' : code === '13055' ? '13' : t.departementOf[t.indexOf(code)!];
      expect(departement, code).toBe(expected);
      const [lon, lat] = geometryCentre(feature.geometry);
      expect(Number.isFinite(lon) && Number.isFinite(lat), code).toBe(true);
    }
    // The Deux-Sèvres: all of its communes, nothing else.
    expect(readLayer(GEO_FILES.departement('79')).features.map((f) => f.id).sort()).toEqual(t.communesOfDepartement('79').map((i) => t.codes[i]).sort());
  });

  it('has the same communes in the national layer as in the département files', () => {
    const national = readLayer(GEO_FILES.national);
    expect(national.features.map((f) => f.id).sort()).toEqual([...features.keys()].sort());
    // Names stay in the département files; the national layer is kept small.
    expect(national.features.every((f) => f.properties.nom === undefined)).toBe(true);
    // Every commune stays a polygon at national scale, small islands included (Île-de-Sein, 29083).
    const sein = national.features.find((f) => f.id === '29083')!;
    const ring = sein.geometry.type === 'Polygon' ? sein.geometry.coordinates[0] : sein.geometry.coordinates[0][0];
    expect(ring.length).toBeGreaterThanOrEqual(4);
  });
});

describe('sizes shipped', () => {
  const size = (file: string) => statSync(join(GEO_DIR, file)).size;

  it('keeps each département ≤ 300 KB compressed, the national layer a few MB, everything ≤ 12 MB', () => {
    let total = size(GEO_FILES.manifest);
    for (const entry of manifest.files) {
      const bytes = size(entry.file);
      expect(bytes, entry.file).toBe(entry.gzipBytes);
      total += bytes;
      if (entry.path.startsWith('communes/')) expect(bytes, entry.file).toBeLessThanOrEqual(300 * 1024);
    }
    const national = manifest.files.find((f) => f.path === GEO_FILES.national)!;
    expect(national.gzipBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(national.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(total).toBeLessThanOrEqual(12 * 1024 * 1024);
    expect(manifest.files.filter((f) => f.path.startsWith('communes/'))).toHaveLength(101);
  });
});
