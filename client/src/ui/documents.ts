// Documents kept as evidence (docs/format.md, « Documents »): a list of links, each opening the
// document's address in a new tab (only http(s) addresses are ever stored), with its date.
import type { DocumentRef } from '../../../model/schema.ts';
import { formatDateFr } from '../../../model/dates.ts';
import { h } from '../dom.ts';

export function documentsList(documents: readonly DocumentRef[] | undefined, label = 'Documents'): HTMLElement | null {
  if (!documents?.length) return null;
  return h(
    'ul',
    { class: 'app-documents', 'aria-label': label },
    documents.map((d) =>
      h(
        'li',
        null,
        h('a', { class: 'fr-link fr-text--sm', href: d.url, target: '_blank', rel: 'noopener noreferrer', title: `${d.title} — nouvelle fenêtre` }, d.title),
        d.date ? h('span', { class: 'fr-text--xs app-mention' }, ` (${formatDateFr(d.date)})`) : null,
      ),
    ),
  );
}
