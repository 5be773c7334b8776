// A mechanism's kind as a DSFR badge: its acronym in dark text (readable on the badge's light
// ground, WCAG AA), its network colour as a dot, its full name on hover.
import { MECHANISM_KIND_LABELS, type MechanismKind } from '../../../model/vocabulary.ts';
import { h } from '../dom.ts';
import type { Palette } from '../lib/colors.ts';

export function kindBadge(palette: Palette, kind: MechanismKind): HTMLElement {
  return h(
    'span',
    { class: 'fr-badge fr-badge--sm fr-badge--no-icon app-kind-badge' },
    h('span', { class: 'app-dot app-dot--sm', style: `background:${palette.kind[kind]}`, 'aria-hidden': 'true' }),
    h('abbr', { title: MECHANISM_KIND_LABELS[kind] }, kind),
  );
}
