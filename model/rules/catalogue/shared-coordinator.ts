import type { MechanismEntry } from '../../graph.ts';
import type { Rule } from '../types.ts';
import { leadingKind, ofName, theName, toName } from '../../text.ts';

export const rule: Rule<undefined> = {
  id: 'shared-coordinator',
  category: 'redundancy',
  basis: 'referentiel',
  facts: ['coordinators', 'status'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (CLSM et CLS : un équivalent temps plein et des instances distinctes pour chaque démarche)',
  docs: {
    title: 'Même coordonnateur pour un CLS et un CLSM',
    what: 'Une même personne coordonne un contrat local de santé actif et un CLSM actif.',
    why: 'Le référentiel national demande de dédier un équivalent temps plein et d’établir des instances distinctes pour le CLS et pour le CLSM, les deux coordonnateurs restant en communication continue.',
    fix: 'Dédier une coordination propre à chaque démarche, et organiser les échanges réguliers entre les deux coordonnateurs.',
  },
  *check(ctx) {
    const roles = new Map<string, { cls: MechanismEntry[]; clsm: MechanismEntry[] }>();
    const note = (kind: 'CLS' | 'CLSM') => {
      for (const e of ctx.active(kind)) {
        for (const c of e.mechanism.coordinators ?? []) {
          let r = roles.get(c.person);
          if (!r) roles.set(c.person, (r = { cls: [], clsm: [] }));
          const list = kind === 'CLS' ? r.cls : r.clsm;
          if (list[list.length - 1] !== e) list.push(e);
        }
      }
    };
    note('CLS');
    note('CLSM');
    for (const [person, { cls, clsm }] of roles) {
      for (const a of cls) for (const b of clsm) yield { subjects: [person, a.mechanism.id, b.mechanism.id] };
    }
  },
  describe(f, name) {
    const [person, cls, clsm] = f.subjects.map(name);
    return {
      message: `${person} coordonne à la fois ${theName(cls)}${leadingKind(cls) === 'CLS' ? '' : ' (CLS)'} et ${theName(clsm)}${leadingKind(clsm) === 'CLSM' ? '' : ' (CLSM)'}.`,
      fix: `Dédier une coordination propre ${toName(clsm)}, distincte de celle ${ofName(cls)}.`,
    };
  },
};
