import type { MechanismEntry } from '../../graph.ts';
import { FTE_EPSILON, type Rule } from '../types.ts';
import { elideDe, formatDecimal, listFr, plural, theName } from '../../text.ts';

export const rule: Rule<{ totalFte: number }> = {
  id: 'coordinator-overallocated',
  category: 'redundancy',
  basis: 'coherence',
  facts: ['coordinators', 'status'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §5 (coordination) et §8 (un équivalent temps plein dédié à chaque démarche)',
  docs: {
    title: 'Coordonnateur affecté à plus d’un temps plein',
    what: 'Une personne coordonne plusieurs dispositifs actifs dont les quotités de temps (ETP) additionnées dépassent 1. Les coordinations dont la quotité n’est pas renseignée ne sont pas comptées.',
    why: 'Un temps de coordination supérieur à un temps plein n’existe pas : les quotités déclarées sont fausses, ou les dispositifs ne disposent pas réellement du temps de coordination annoncé. Le référentiel recommande un temps plein dédié à la coordination du CLSM.',
    fix: 'Corriger les quotités déclarées, ou confier une partie des coordinations à une autre personne.',
  },
  *check(ctx) {
    const byPerson = new Map<string, { total: number; mechanisms: MechanismEntry[] }>();
    for (const e of ctx.model.entries) {
      if (!ctx.isActive(e)) continue;
      for (const c of e.mechanism.coordinators ?? []) {
        if (c.fte === undefined) continue; // unknown, not counted
        let load = byPerson.get(c.person);
        if (!load) byPerson.set(c.person, (load = { total: 0, mechanisms: [] }));
        load.total += c.fte;
        if (load.mechanisms[load.mechanisms.length - 1] !== e) load.mechanisms.push(e);
      }
    }
    for (const [person, { total, mechanisms }] of byPerson) {
      if (total <= 1 + FTE_EPSILON) continue;
      const totalFte = Math.round(total * 1000) / 1000;
      yield { subjects: [person, ...mechanisms.map((m) => m.mechanism.id)], data: { totalFte } };
    }
  },
  describe(f, name) {
    // Subjects: the person, then each mechanism they coordinate.
    const [person, ...mechanisms] = f.subjects.map(name);
    return {
      message: `${person} coordonne ${plural(mechanisms.length, 'dispositif actif', 'dispositifs actifs')} pour un total de ${formatDecimal(f.data.totalFte)} ETP : ${listFr(mechanisms.map(theName))}.`,
      fix: `Corriger les quotités ${elideDe(person)} ou répartir ces coordinations entre plusieurs personnes.`,
    };
  },
};
