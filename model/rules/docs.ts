// The rules catalogue as a French Markdown page, generated from each rule's metadata.
import { RULES } from './registry.ts';
import { CATEGORIES, CATEGORY_LABELS, SEVERITY_LABELS } from './types.ts';

export function rulesMarkdown(): string {
  const out = [
    '# Règles d’articulation',
    '',
    '<!-- Page générée par `npm run docs` à partir des métadonnées des règles (model/rules/catalogue/). Ne pas modifier à la main. -->',
    '',
    `${RULES.length} règles, en quatre familles. La gravité indiquée est celle par défaut ; un profil peut la modifier ou désactiver une règle.`,
    '',
  ];
  for (const category of CATEGORIES) {
    const rules = RULES.filter((r) => r.category === category);
    out.push(`## ${CATEGORY_LABELS[category]}`, '', '| règle | gravité | intitulé |', '|---|---|---|');
    for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id}) | ${SEVERITY_LABELS[r.defaultSeverity]} | ${r.docs.title} |`);
    out.push('');
    for (const r of rules) {
      out.push(`### ${r.id}`, '', `**${r.docs.title}** — gravité par défaut : ${SEVERITY_LABELS[r.defaultSeverity].toLowerCase()}.`, '');
      out.push(`- **Ce qui est détecté** : ${r.docs.what}`, `- **Pourquoi** : ${r.docs.why}`, `- **Comment corriger** : ${r.docs.fix}`, `- **Référence** : ${r.reference}`, '');
    }
  }
  return out.join('\n');
}
