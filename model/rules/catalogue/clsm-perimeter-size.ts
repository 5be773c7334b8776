import type { Rule } from '../types.ts';
import { capitalize, formatInteger, ofName, plural, theName } from '../../text.ts';

/** Annex 1 §3: average population of a CLSM in 2022, a reference and not a threshold. */
const REFERENCE_POPULATION = 107_000;

type PerimeterData = { population: number; band: { min: number; max: number } };

export const rule: Rule<PerimeterData> = {
  id: 'clsm-perimeter-size',
  category: 'governance',
  basis: 'referentiel',
  facts: ['territory'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §3 (périmètre géographique : 107 000 habitants en moyenne en 2022, un repère et non un seuil)',
  docs: {
    title: 'Périmètre du CLSM hors de la fourchette de référence',
    what: 'La population couverte par un CLSM actif est en dehors de la fourchette configurée (par défaut 20 000 à 400 000 habitants) autour du repère national de 107 000 habitants. Une population inconnue n’est pas signalée.',
    why: 'Le référentiel ne fixe ni seuil minimal ni seuil maximal, mais un périmètre trop vaste ou trop restreint peut fragiliser le fonctionnement du CLSM et nuire à la démarche de proximité ; en 2022, un CLSM couvre 107 000 habitants en moyenne.',
    fix: 'Vérifier que le périmètre est adapté aux ressources et aux besoins du territoire : l’élargir à l’intercommunalité, ou le découper en démarches de proximité, selon le cas.',
  },
  *check(ctx) {
    const { min, max } = ctx.settings.clsmPopulationBand;
    const band = { min, max }; // shared by all the findings of a run
    for (const clsm of ctx.active('CLSM')) {
      const population = clsm.population;
      if (population <= 0) continue; // unknown population
      if (population >= min && population <= max) continue;
      yield { subjects: [clsm.mechanism.id], data: { population, band } };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    const { population, band } = f.data;
    const below = population < band.min;
    return {
      message: `${capitalize(theName(clsm))} couvre ${plural(population, 'habitant')}, ${below ? 'en dessous' : 'au-dessus'} de la fourchette de référence (${formatInteger(band.min)} à ${formatInteger(band.max)} habitants ; ${formatInteger(REFERENCE_POPULATION)} en moyenne en 2022).`,
      fix: below
        ? `Vérifier que le périmètre ${ofName(clsm)} permet de mobiliser les ressources nécessaires, par exemple en l'élargissant à l'intercommunalité.`
        : `Vérifier que le périmètre ${ofName(clsm)} reste une démarche de proximité, par exemple en le découpant en plusieurs CLSM.`,
    };
  },
};
