import type { Rule } from '../types.ts';
import { capitalize, formatDecimal, formatInteger, listFr, plural } from '../../text.ts';

/** How many inhabited communes of the département no active PTSM covers, their population, its share, and the most populated. */
type GapData = {
  departement: string;
  departementName?: string;
  communes: number;
  population: number;
  /** Share of the département's population, in %, one decimal. */
  share: number;
  largest: { code: string; name: string; population: number }[];
};

/** How many uncovered communes a finding names. */
const NAMED = 5;

export const rule: Rule<GapData> = {
  id: 'ptsm-coverage-gap',
  category: 'missing-link',
  basis: 'loi',
  facts: [],
  defaultSeverity: 'warning',
  reference: 'CSP art. L. 3221-2 I (le directeur général de l’ARS veille à ce que l’ensemble de la région bénéficie d’un projet territorial de santé mentale)',
  docs: {
    title: 'Département couvert en partie seulement par un PTSM',
    what: "Dans un département du périmètre étudié que des PTSM actifs couvrent en partie, des communes habitées ne sont couvertes par aucun PTSM actif. Le constat nomme le département, le nombre de communes et la population laissées hors PTSM, et les communes les plus peuplées. Un département qu'aucun PTSM ne touche relève de « departement-without-ptsm ».",
    why: 'Le PTSM est obligatoire et le directeur général de l’ARS veille à ce que l’ensemble de la région en bénéficie (art. L. 3221-2 I du CSP) : les habitants des communes laissées hors de tout PTSM n’ont pas de projet territorial de santé mentale, et leurs CLSM ou CLS pas de PTSM auquel se rattacher.',
    fix: 'Étendre le territoire d’un PTSM existant aux communes non couvertes, ou engager avec l’ARS un PTSM pour ces communes ; si le territoire déclaré est erroné, le corriger.',
  },
  *check(ctx) {
    const { model } = ctx;
    const t = model.territories;
    const covered = ctx.coverage('PTSM');
    const touched = ctx.departementsTouched('PTSM');
    for (const code of model.scopeDepartements()) {
      if (!touched.has(code)) continue; // departement-without-ptsm reports it
      const communes = t.communesOfDepartement(code);
      const uncovered: number[] = [];
      let population = 0;
      let total = 0;
      for (const c of communes) {
        total += t.population[c];
        if (covered[c] === 1 || t.population[c] <= 0) continue;
        uncovered.push(c);
        population += t.population[c];
      }
      if (uncovered.length === 0) continue;
      uncovered.sort((a, b) => t.population[b] - t.population[a] || (t.codes[a] < t.codes[b] ? -1 : 1));
      const name = t.departementName(code);
      yield {
        subjects: [],
        departements: [code],
        data: {
          departement: code,
          ...(name ? { departementName: name } : {}),
          communes: uncovered.length,
          population,
          share: total > 0 ? Math.round((1000 * population) / total) / 10 : 0,
          largest: uncovered.slice(0, NAMED).map((c) => ({ code: t.codes[c], name: t.names[c], population: t.population[c] })),
        },
      };
    }
  },
  describe(f) {
    const { departement: code, departementName, communes, population, share, largest } = f.data;
    const departement = departementName ? `du département « ${departementName} » (${code})` : `du département ${code}`;
    const named = listFr(largest.map((c) => `${c.name} (${formatInteger(c.population)} hab.)`));
    return {
      message: `${capitalize(plural(communes, 'commune habitée', 'communes habitées'))} ${departement}, soit ${plural(population, 'habitant')} (${formatDecimal(share)} % de sa population), ${communes >= 2 ? 'ne sont couvertes' : "n'est couverte"} par aucun PTSM actif${largest.length ? `, dont ${named}` : ''}.`,
      fix: `Étendre un PTSM existant aux communes non couvertes ${departement}, ou engager avec l'ARS un projet territorial pour ces communes.`,
    };
  },
};
