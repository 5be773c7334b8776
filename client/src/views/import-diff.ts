// The diff of an import (created, updated, removed, unchanged, per kind of record), as the JSON
// import and the workbook assistant show it before the user confirms.
import type { ImportOutcome } from '../api.ts';
import { h } from '../dom.ts';
import { formatInt } from '../lib/format.ts';

export const ENTITIES = [
  ['mechanisms', 'Dispositifs'],
  ['people', 'Personnes'],
  ['links', 'Liens'],
] as const;

export function diffTable(outcome: ImportOutcome, caption: string): HTMLElement {
  const ids = (list: string[]) => (list.length ? h('details', { class: 'app-details' }, h('summary', null, formatInt(list.length)), h('p', { class: 'fr-text--xs' }, list.slice(0, 200).join(', '), list.length > 200 ? ` … (+${list.length - 200})` : '')) : '0');
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-import__diff' },
    h(
      'table',
      { dataset: { testid: 'diff' } },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ['Fiches', 'Créés', 'Modifiés', 'Supprimés', 'Inchangés'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        ENTITIES.map(([e, label]) => {
          const d = outcome.diff[e];
          return h('tr', { dataset: { entity: e } }, h('th', { scope: 'row' }, label), h('td', null, ids(d.created)), h('td', null, ids(d.updated)), h('td', null, ids(d.removed)), h('td', null, formatInt(d.unchanged)));
        }),
      ),
    ),
  );
}
