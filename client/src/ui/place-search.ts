// Search by place — a commune (« st maixent »), an EPCI (« CA du Niortais »), a postal code
// (« 79400 ») — with the API's place search; choosing one hands `type:code` to the view, which
// asks « which mechanisms cover this place ». Used by the map, the network and Données.
import { listFr, plural } from '../../../model/text.ts';
import { PLACE_TYPE_LABELS } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type PlaceHit } from '../api.ts';
import { h } from '../dom.ts';
import { formatInt } from '../lib/format.ts';
import { combobox, type Combobox } from './combobox.ts';

/** « code postal · Augé, Azay-le-Brûlé, Exireuil… (8 communes) · 79 · 12 345 hab. » */
export function placeDetail(hit: PlaceHit): string {
  const what = hit.type === 'code-postal' ? `${PLACE_TYPE_LABELS[hit.type]} · ${listFr(hit.sample ?? [])}${hit.communes > (hit.sample?.length ?? 0) ? '…' : ''} (${plural(hit.communes, 'commune')})` : hit.type === 'epci' ? `EPCI · ${plural(hit.communes, 'commune')}` : PLACE_TYPE_LABELS[hit.type];
  return `${what} · ${hit.departements.join(', ')} · ${formatInt(hit.population)} hab.`;
}

/** The label a chosen place keeps (« 79400 » reads « code postal 79400 »). */
export function placeLabel(hit: Pick<PlaceHit, 'type' | 'name' | 'code'>): string {
  return hit.type === 'code-postal' ? `${PLACE_TYPE_LABELS[hit.type]} ${hit.code}` : hit.name;
}

export function placeSearch(options: { onSelect(value: string, label: string): void; label?: string; hint?: string }): Combobox {
  return combobox({
    label: options.label ?? 'Rechercher un lieu',
    hint: options.hint ?? 'Commune, EPCI ou code postal (ex. : « st maixent », « 79400 », « CA du Niortais »)',
    placeholder: 'Commune, EPCI, code postal',
    name: 'lieu',
    minLength: 2,
    search: async (q, signal) => {
      const { results } = await json(api.places.$get({ query: { q, limit: '12' } }, cancellable(signal)));
      return results.map((hit) => ({ id: `${hit.type}:${hit.code}`, label: placeLabel(hit), detail: placeDetail(hit) }));
    },
    onSelect: (option) => options.onSelect(option.id, option.label),
    noResults: 'Aucune commune, aucun EPCI ni code postal ne correspond',
  });
}

/** A dismissible tag for the chosen place (« Lieu : code postal 79400 »). */
export function placeTag(label: string, onRemove: () => void): HTMLElement {
  return h('button', { type: 'button', class: 'fr-tag fr-tag--sm fr-tag--dismiss', 'aria-label': `Retirer le lieu ${label}`, onclick: onRemove }, `Lieu : ${label}`);
}
