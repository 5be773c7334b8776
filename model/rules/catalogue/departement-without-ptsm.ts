import type { Rule } from '../types.ts';
import { ofName, plural } from '../../text.ts';

/** The département's code, its name when known, and its population (0 when unknown). */
type DepartementData = { departement: string; departementName?: string; population: number };

export const rule: Rule<DepartementData> = {
  id: 'departement-without-ptsm',
  category: 'missing-link',
  basis: 'loi',
  facts: [],
  defaultSeverity: 'error',
  reference: 'CSP art. L. 3221-2 I (le directeur général de l’ARS veille à ce que l’ensemble de la région bénéficie d’un PTSM) et R. 3224-2 ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Département sans PTSM',
    what: "Un département du périmètre étudié n'est touché par aucun PTSM actif. Le périmètre est celui que déclare le jeu de données (départements et régions) ; à défaut, le département principal de chaque dispositif, quel que soit son statut (celui qui réunit la plus grande part de la population de son territoire, ou ceux que son territoire énumère) : une commune voisine incluse dans une CPTS ne fait pas entrer son département dans le périmètre. Un département que des PTSM ne couvrent qu'en partie relève de « ptsm-coverage-gap ».",
    why: 'Le PTSM est obligatoire : à défaut d’initiative des acteurs, le directeur général de l’ARS prend les dispositions nécessaires pour que l’ensemble de la région bénéficie d’un projet territorial de santé mentale (art. L. 3221-2 I du CSP). Sans PTSM, les CLSM, CLS et autres dispositifs n’ont pas de cadre départemental auquel se rattacher.',
    fix: 'Saisir l’ARS pour engager (ou enregistrer, s’il existe) le PTSM du département, avec ses dates d’adoption.',
  },
  *check(ctx) {
    const { model } = ctx;
    const t = model.territories;
    const covered = ctx.departementsTouched('PTSM');
    for (const code of model.scopeDepartements()) {
      if (covered.has(code)) continue;
      const name = t.departementName(code);
      const population = t.populationOf(t.communesOfDepartement(code));
      yield {
        subjects: [],
        departements: [code],
        data: { departement: code, ...(name ? { departementName: name } : {}), population },
      };
    }
  },
  describe(f) {
    const { departement: code, departementName, population } = f.data;
    // The article a département takes (la Vendée, les Deux-Sèvres, le Var) is not in the data: name it between quotes.
    const departement = departementName ? `le département « ${departementName} » (${code})` : `le département ${code}`;
    return {
      message: `Aucun PTSM actif ne couvre ${departement}${population > 0 ? `, qui compte ${plural(population, 'habitant')}` : ''}.`,
      fix: `Engager avec l'ARS le projet territorial de santé mentale ${ofName(departement)}, ou l'enregistrer s'il existe.`,
    };
  },
};
