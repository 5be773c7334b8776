// The rules catalogue as a French Markdown page, generated from each rule's metadata.
import { RULES } from './registry.ts';
import { BASES, BASIS_LABELS, BASIS_SEVERITY_CAP, CATEGORIES, CATEGORY_LABELS, SEVERITY_LABELS } from './types.ts';

const BASIS_EXPLAINED = {
  loi: 'le code de la santé publique (L. 3221-2, L. 1434-10, R. 3224-1…) : une obligation ; seules ces règles peuvent relever une erreur.',
  referentiel: 'l’instruction du 13 mai 2025 et son annexe 1, qui se déclarent non opposables : des recommandations, au plus un avertissement.',
  coherence: 'les données se contredisent (1,3 ETP pour une personne, un ancien code commune) : au plus un avertissement.',
} as const;

const COUNT_WORDS = ['zéro', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept'];

export function rulesMarkdown(): string {
  const out = [
    '# Règles d’articulation',
    '',
    '<!-- Page générée par `npm run docs` à partir des métadonnées des règles (model/rules/catalogue/). Ne pas modifier à la main. -->',
    '',
    `${RULES.length} règles, en ${COUNT_WORDS[CATEGORIES.length] ?? CATEGORIES.length} familles. La gravité indiquée est celle par défaut ; un profil peut la modifier ou désactiver une règle.`,
    '',
    'Chaque règle dit sur quoi elle repose, et chaque constat le rappelle :',
    '',
    ...BASES.map((b) => `- **${BASIS_LABELS[b]}** : ${BASIS_EXPLAINED[b]}`),
    '',
    'Une donnée absente est inconnue, jamais un manquement : un constat qui en dépend est au plus un avertissement « à vérifier ». Quand deux règles proposent la même correction pour les mêmes dispositifs, un seul constat est donné, le plus grave, qui cite les deux références. Les constats sont classés par gravité, puis par la date qui les a rendus exigibles, la plus récente d’abord.',
    '',
  ];
  for (const category of CATEGORIES) {
    const rules = RULES.filter((r) => r.category === category);
    out.push(`## ${CATEGORY_LABELS[category]}`, '', '| règle | gravité | fondement | intitulé |', '|---|---|---|---|');
    for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id}) | ${SEVERITY_LABELS[r.defaultSeverity]} | ${BASIS_LABELS[r.basis]} | ${r.docs.title} |`);
    out.push('');
    for (const r of rules) {
      out.push(
        `### ${r.id}`,
        '',
        `**${r.docs.title}** — gravité par défaut : ${SEVERITY_LABELS[r.defaultSeverity].toLowerCase()} ; fondement : ${BASIS_LABELS[r.basis].toLowerCase()} (au plus ${SEVERITY_LABELS[BASIS_SEVERITY_CAP[r.basis]].toLowerCase()}).`,
        '',
      );
      out.push(`- **Ce qui est détecté** : ${r.docs.what}`, `- **Pourquoi** : ${r.docs.why}`, `- **Comment corriger** : ${r.docs.fix}`, `- **Référence** : ${r.reference}`, '');
    }
  }
  return out.join('\n');
}
