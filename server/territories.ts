// Reads the official geographic code shipped offline by @etalab/decoupage-administratif.
// (The package's own index.js reads files relative to the working directory, so we read them here.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TerritoryIndex, type RawTerritoryData } from '../model/territory.ts';

const require = createRequire(import.meta.url);

function readData<T>(name: string): T {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8')) as T;
}

let shared: TerritoryIndex | undefined;

/** The territory index, built once per process (about half a second). */
export function loadTerritories(): TerritoryIndex {
  shared ??= new TerritoryIndex({
    communes: readData('communes'),
    epci: readData('epci'),
    ept: readData('ept'),
    departements: readData('departements'),
    regions: readData('regions'),
  } satisfies RawTerritoryData);
  return shared;
}
