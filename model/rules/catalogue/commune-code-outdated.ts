import type { Rule } from '../types.ts';
import { listFr, ofName, plural } from '../../text.ts';

/** Each aged code the territory names, with the current commune it now stands for. */
type AgedData = { codes: { code: string; current: string; name: string }[] };

export const rule: Rule<AgedData> = {
  id: 'commune-code-outdated',
  category: 'data',
  basis: 'coherence',
  facts: ['territory'],
  defaultSeverity: 'info',
  reference: 'Code officiel géographique de l’INSEE (communes nouvelles, fusions et communes déléguées, au 1er janvier de chaque année)',
  docs: {
    title: 'Ancien code commune',
    what: "Le territoire d'un dispositif cite un code commune que le code officiel géographique ne connaît plus comme commune, mais comme ancien code d'une commune actuelle (commune fusionnée, déléguée ou associée). Le code est accepté et lu comme la commune actuelle ; le constat le signale une fois par dispositif, avec le nouveau code.",
    why: 'Les communes fusionnent chaque 1er janvier : un ancien code désigne désormais tout le territoire de la commune nouvelle, si bien que le périmètre du dispositif peut être plus large que ce qu’il décrivait. Les exports écrivent déjà le code actuel.',
    fix: 'Remplacer l’ancien code par celui de la commune actuelle dans le territoire du dispositif, en vérifiant que tout son territoire est bien concerné.',
  },
  *check(ctx) {
    const t = ctx.model.territories;
    for (const e of ctx.model.entries) {
      const communes = e.mechanism.territory.communes ?? [];
      let codes: AgedData['codes'] | undefined;
      for (const code of communes) {
        const current = t.currentCommuneCode(code);
        if (current === undefined) continue;
        (codes ??= []).push({ code, current, name: t.communeName(current) ?? current });
      }
      if (codes) yield { subjects: [e.mechanism.id], data: { codes } };
    }
  },
  describe(f, name) {
    const mechanism = name(f.subjects[0]);
    const { codes } = f.data;
    const listed = listFr(codes.map((c) => `${c.code}, devenu ${c.current} (${c.name})`));
    return {
      message: `Le territoire ${ofName(mechanism)} cite ${codes.length > 1 ? `${plural(codes.length, 'ancien code commune', 'anciens codes communes')}` : 'un ancien code commune'} : ${listed}. ${codes.length > 1 ? 'Ils sont lus' : 'Il est lu'} comme la commune actuelle.`,
      fix: `Remplacer dans le territoire ${ofName(mechanism)} ${codes.length > 1 ? 'les anciens codes par les codes actuels' : `le code ${codes[0].code} par ${codes[0].current}`}, en vérifiant que toute la commune actuelle est concernée.`,
    };
  },
};
