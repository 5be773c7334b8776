// The codes support staff ask for (a rule's id, a record's id), kept out of the way: in a closed
// « Détails » disclosure under what users read, never as the main text.
import { h } from '../dom.ts';

export function supportDetails(entries: readonly (readonly [label: string, code: string])[]): HTMLElement {
  return h(
    'details',
    { class: 'app-support fr-text--xs' },
    h('summary', null, 'Détails'),
    h('dl', { class: 'app-dl' }, entries.map(([label, code]) => [h('dt', null, label), h('dd', null, h('code', null, code))])),
  );
}
