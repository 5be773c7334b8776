// docs/vocabulaires.md, generated from model/vocabulary.ts by `npm run docs`: every list of
// values of the format and of the application, with its French labels.
import {
  ACCOUNT_ROLES,
  ACCOUNT_ROLE_HINTS,
  ACCOUNT_ROLE_LABELS,
  ARTICULATION_FORMS,
  ARTICULATION_FORM_LABELS,
  AVIS_OPINIONS,
  AVIS_OPINION_LABELS,
  AVIS_OPINION_WORDS,
  AVIS_STAGES,
  AVIS_STAGE_LABELS,
  AVIS_STATES,
  AVIS_STATE_LABELS,
  BASES,
  BASIS_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  COPIL_ROLES,
  FUNDERS,
  FUNDER_LABELS,
  INDICATORS,
  INDICATOR_LABELS,
  LINK_KINDS,
  LINK_KIND_LABELS,
  MECHANISM_KINDS,
  MECHANISM_KIND_LABELS,
  MECHANISM_STATUSES,
  MECHANISM_STATUS_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  THEMES,
  TRIPARTITE_FUNDERS,
} from './vocabulary.ts';

function table(title: string, intro: string, rows: readonly (readonly string[])[], head = ['valeur', 'libellé']): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [`## ${title}`, '', intro, '', line(head), line(head.map(() => '---')), ...rows.map((r) => line([`\`${r[0]}\``, ...r.slice(1)])), ''].join('\n');
}

const pairs = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => [v, labels[v]] as const);

export function vocabularyMarkdown(): string {
  return [
    '# Vocabulaires',
    '',
    'Les listes de valeurs du format [`articulation/1`](format.md) et de l’application, avec le libellé que les écrans affichent. Page générée depuis `model/vocabulary.ts` par `npm run docs` : ne pas la modifier à la main.',
    '',
    table('Types de dispositifs (`kind`)', 'Le type d’un dispositif.', pairs(MECHANISM_KINDS, MECHANISM_KIND_LABELS)),
    table('Statuts (`status`, `statusHistory[].status`)', 'Seul un dispositif `active` à une date (ou, sans historique des statuts, `ended` avec une date de fin) est actif ce jour-là ; voir « Historique des statuts » dans [format.md](format.md).', pairs(MECHANISM_STATUSES, MECHANISM_STATUS_LABELS)),
    table('Types de liens (`links[].kind`)', 'Les extrémités permises de chaque type sont décrites dans [format.md](format.md).', pairs(LINK_KINDS, LINK_KIND_LABELS)),
    table('Étapes d’un avis (`stage`)', 'Les CLSM donnent leur avis sur le diagnostic puis sur le projet (CSP L.3221-2 IV).', pairs(AVIS_STAGES, AVIS_STAGE_LABELS)),
    table(
      'Sens d’un avis (`opinion`)',
      'Facultatif : un avis sans sens enregistré compte comme reçu. Le code, le libellé ou l’un des autres mots acceptés, sans souci des accents ni des majuscules (« réserve », « réserves », « réservé » se valent).',
      AVIS_OPINIONS.map((o) => [o, AVIS_OPINION_LABELS[o], AVIS_OPINION_WORDS[o].map((w) => `« ${w} »`).join(', ')] as const),
      ['valeur', 'libellé', 'aussi accepté'],
    ),
    table('État d’un avis dans la liste de contrôle', 'Calculé, pas saisi.', pairs(AVIS_STATES, AVIS_STATE_LABELS)),
    table('Formes d’une articulation (`forms`)', 'Pour un lien `articulation`.', pairs(ARTICULATION_FORMS, ARTICULATION_FORM_LABELS)),
    table('Financeurs (`governance.funding`)', `Le co-financement tripartite encouragé par le référentiel : ${TRIPARTITE_FUNDERS.map((f) => `\`${f}\``).join(', ')}.`, pairs(FUNDERS, FUNDER_LABELS)),
    table('Priorités et objectifs (`priorities`)', 'Objectifs spécifiques du CLSM (`clsm.`), priorités du PTSM (`ptsm.`, décret 2017-1200), objectifs du CLS (`cls.`).', pairs(PRIORITIES, PRIORITY_LABELS)),
    table('Rôles au COPIL d’un CLSM (`governance.copil.roles`)', 'Les rôles requis sont le minimum du référentiel national (annexe 1, §4).', COPIL_ROLES.map((r) => [r.id, r.label, r.required ? 'oui' : ''] as const), ['valeur', 'libellé', 'requis']),
    table('Thèmes (`themes`, `workingGroups[].theme`)', 'La liste fournie (`data/themes.json`) ; elle est extensible.', THEMES.map((t) => [t.id, t.label] as const)),
    table('Gravité des constats', 'Des valeurs par défaut, qu’un profil peut modifier.', pairs(SEVERITIES, SEVERITY_LABELS)),
    table('Familles de constats', 'Voir [regles.md](regles.md).', pairs(CATEGORIES, CATEGORY_LABELS)),
    table('Fondement des règles', 'Ce sur quoi repose une règle ; seule une obligation légale peut relever une erreur. Voir [regles.md](regles.md).', pairs(BASES, BASIS_LABELS)),
    table('Indicateurs', 'Leurs définitions et leurs dénominateurs : [indicateurs.md](indicateurs.md).', pairs(INDICATORS, INDICATOR_LABELS)),
    table('Rôles des comptes', 'Voir « Comptes et droits » dans le README.', ACCOUNT_ROLES.map((r) => [r, ACCOUNT_ROLE_LABELS[r], ACCOUNT_ROLE_HINTS[r]] as const), ['valeur', 'libellé', 'ce qu’il peut faire']),
  ].join('\n');
}
