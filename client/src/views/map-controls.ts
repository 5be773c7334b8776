// The Carte view's side column — colouring, theme, the year slider with play, search by place and
// by mechanism, a finding to situate, the legend — and the stage around the canvas (toolbar,
// tooltip, scale bar, attribution). Every control navigates (the state is in the URL); `sync` follows.
import { GEO_ATTRIBUTION } from '../../../model/geo.ts';
import { plural } from '../../../model/text.ts';
import type { AppContext } from '../context.ts';
import { button, h, replace, uid } from '../dom.ts';
import { formatDate, formatInt } from '../lib/format.ts';
import { communesAndPeople, MAP_MODE_LABELS, MAP_MODES, type LegendEntry, type MapParams } from '../lib/map.ts';
import { combobox, type Combobox, type ComboOption } from '../ui/combobox.ts';
import { placeSearch, placeTag } from '../ui/place-search.ts';

export interface ControlOptions {
  searchMechanisms(query: string): ComboOption[];
  /** The label of the chosen place, once known. */
  placeLabel(): string | null;
  /** The colouring is about to change (the time it takes is measured from here). */
  modeChanging(): void;
}

export interface MapControls {
  el: HTMLElement;
  summary: HTMLElement;
  sync(params: MapParams, years: readonly { year: number; asOf: string }[], asOf: string): void;
  setThemes(themes: readonly { id: string; label: string }[]): void;
  setFindings(findings: readonly { id: string; label: string }[]): void;
  setLegend(entries: readonly LegendEntry[], swatch: (key: LegendEntry['key']) => string, extra: HTMLElement[]): void;
  destroy(): void;
}

function select(label: string, name: string, onChange: (value: string) => void, hint?: string) {
  const id = uid(name);
  const el = h('select', { class: 'fr-select', id, name });
  el.addEventListener('change', () => onChange(el.value));
  return { el, group: h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: id }, label, hint ? h('span', { class: 'fr-hint-text' }, hint) : null), el) };
}

export function mapControls(ctx: AppContext, titleId: string, options: ControlOptions): MapControls {
  const set = (params: Record<string, string | null>, replaceEntry = true) => ctx.navigate({ params }, { replace: replaceEntry });
  const summary = h('p', { class: 'fr-text--sm app-map__summary', 'aria-live': 'polite' });
  const mode = select('Colorier selon', 'couverture', (v) => {
    options.modeChanging();
    set({ couverture: v === 'CLSM' ? null : v });
  });
  mode.el.append(...MAP_MODES.map((m) => h('option', { value: m }, MAP_MODE_LABELS[m])));
  const theme = select('Thème', 'theme', (v) => set({ theme: v || null }), 'Ne compter que les dispositifs qui y travaillent');
  const slider = yearSlider(ctx);
  const placeTagRegion = h('p', { class: 'fr-mb-1w' });
  const places = placeSearch({ onSelect: (value) => set({ lieu: value, commune: null, dispositif: null, constat: null }, false) });
  const mechanisms = combobox({
    label: 'Tracer le territoire d’un dispositif',
    hint: 'Nom du dispositif, sans tenir compte des accents',
    placeholder: 'ex. : clsm niort',
    name: 'dispositif',
    search: (q) => options.searchMechanisms(q),
    onSelect: (o) => set({ dispositif: o.id, commune: null, lieu: null, constat: null }, false),
    noResults: 'Aucun dispositif ne correspond',
  });
  const finding = select('Situer un constat', 'constat', (v) => set({ constat: v || null, commune: null, lieu: null, dispositif: null }, false), 'Chevauchements et liens manquants');
  const legend = h('div', { class: 'app-map__legend', dataset: { testid: 'legende' } });
  const el = h(
    'div',
    { class: 'app-map__side', role: 'region', 'aria-labelledby': titleId },
    h('h1', { class: 'fr-h4 fr-mb-1w', id: titleId }, 'Carte de la couverture'),
    summary,
    h('form', { class: 'app-map__form', 'aria-label': 'Ce que montre la carte', onsubmit: (e: Event) => e.preventDefault() }, mode.group, theme.group, slider.el),
    legend,
    // Searches and pickers: what one uses, not what one reads (hidden on paper).
    h('div', { class: 'app-map__find' }, places.el, placeTagRegion, mechanisms.el, finding.group),
  );
  return {
    el,
    summary,
    sync(params, years, asOf) {
      mode.el.value = params.mode;
      if ([...theme.el.options].some((o) => o.value === (params.theme ?? ''))) theme.el.value = params.theme ?? '';
      if ([...finding.el.options].some((o) => o.value === (params.finding ?? ''))) finding.el.value = params.finding ?? '';
      slider.sync(params.year, years, asOf);
      const label = params.place ? (options.placeLabel() ?? params.place.code) : null;
      replace(placeTagRegion, label ? placeTag(label, () => set({ lieu: null })) : null);
    },
    setThemes(themes) {
      const current = theme.el.value;
      replace(theme.el, h('option', { value: '' }, 'Tous les thèmes'), themes.map((t) => h('option', { value: t.id }, t.label)));
      theme.el.value = current;
    },
    setFindings(findings) {
      const current = finding.el.value;
      replace(finding.el, h('option', { value: '' }, findings.length ? `Choisir parmi ${plural(findings.length, 'constat')}` : 'Aucun constat à situer'), findings.map((f) => h('option', { value: f.id }, f.label)));
      finding.el.value = current;
    },
    setLegend(entries, swatch, extra) {
      replace(
        legend,
        h('p', { class: 'fr-text--sm fr-mb-1v app-legend-edges__title' }, 'Légende'),
        h(
          'ul',
          { class: 'app-map__legend-list' },
          entries.map((e) => h('li', { dataset: { key: e.key } }, h('span', { class: 'app-map__swatch', style: swatch(e.key), 'aria-hidden': 'true' }), h('span', null, e.label, h('br'), h('span', { class: 'fr-text--xs app-mention' }, communesAndPeople(e.communes, e.population))))),
        ),
        extra,
      );
    },
    destroy() {
      slider.stop();
      places.destroy();
      mechanisms.destroy();
    },
  };
}

/** The year slider: one step per year, and « Lecture » to play them in turn. */
function yearSlider(ctx: AppContext) {
  const id = uid('annee');
  const input = h('input', { type: 'range', id, name: 'annee', class: 'app-map__range', step: '1' });
  const output = h('output', { for: id, class: 'fr-text--sm app-map__year' });
  let years: readonly { year: number; asOf: string }[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  const go = (year: number) => ctx.navigate({ params: { annee: year === years[years.length - 1]?.year ? null : String(year) } }, { replace: true });
  input.addEventListener('input', () => go(Number(input.value)));
  const play = button('Lecture', () => (timer ? stop() : start()), { kind: 'secondary', small: true, icon: 'fr-icon-play-circle-line', attrs: { 'aria-pressed': 'false' } });
  const start = () => {
    if (years.length < 2) return;
    // From the first year when at the end; one year a second.
    if (Number(input.value) >= years[years.length - 1].year) go(years[0].year);
    timer = setInterval(() => {
      const next = Number(input.value) + 1;
      if (next > years[years.length - 1].year) return stop();
      go(next);
    }, 1000);
    play.textContent = 'Pause';
    play.setAttribute('aria-pressed', 'true');
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    play.textContent = 'Lecture';
    play.setAttribute('aria-pressed', 'false');
  };
  const el = h(
    'div',
    { class: 'fr-range-group app-map__slider' },
    h('label', { class: 'fr-label', for: id }, 'Année', h('span', { class: 'fr-hint-text' }, 'Au 31 décembre ; l’année en cours à la date de référence')),
    h('div', { class: 'app-map__slider-row' }, input, output),
    play,
  );
  return {
    el,
    stop,
    sync(year: number | undefined, list: readonly { year: number; asOf: string }[], asOf: string) {
      years = list;
      const first = list[0]?.year ?? Number(asOf.slice(0, 4));
      const last = list[list.length - 1]?.year ?? first;
      const value = Math.min(last, Math.max(first, year ?? last));
      input.min = String(first);
      input.max = String(last);
      input.value = String(value);
      input.disabled = list.length < 2;
      (play as HTMLButtonElement).disabled = list.length < 2;
      const date = list.find((y) => y.year === value)?.asOf ?? asOf;
      output.textContent = date.endsWith('-12-31') ? `${value} (au 31 décembre)` : `${value} (au ${formatDate(date)})`;
      input.setAttribute('aria-valuetext', output.textContent);
    },
  };
}

/** The stage: toolbar, the canvas, a tooltip, the scale bar and the attribution. */
export function mapStage(zoom: { zoomIn(): void; zoomOut(): void; reset(): void }) {
  const descriptionId = uid('carte-description');
  const tooltip = h('div', { class: 'app-map__tooltip', hidden: true, 'aria-hidden': 'true' });
  const scale = h('div', { class: 'app-map__scale', 'aria-hidden': 'true' }, h('span', { class: 'app-map__scale-bar' }), h('span', { class: 'app-map__scale-label' }));
  const overlay = h('div', { class: 'app-map__overlay' });
  const description = h('p', { id: descriptionId, class: 'fr-sr-only' });
  const frame = h('div', { class: 'app-map__frame' }, tooltip, scale, overlay);
  const toolbar = h(
    'div',
    { class: 'app-map__toolbar', role: 'toolbar', 'aria-label': 'Navigation dans la carte' },
    button('Zoom avant', zoom.zoomIn, { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-in-line' }),
    button('Zoom arrière', zoom.zoomOut, { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-out-line' }),
    button('Recentrer', zoom.reset, { kind: 'tertiary', small: true, icon: 'fr-icon-fullscreen-line' }),
    h('span', { class: 'fr-text--xs app-mention' }, 'Flèches, + et − au clavier sur la carte'),
  );
  const stage = h('div', { class: 'app-map__stage' }, toolbar, frame, description, h('p', { class: 'fr-text--xs app-mention app-map__attribution' }, GEO_ATTRIBUTION));
  return {
    stage,
    frame,
    description,
    descriptionId,
    setOverlay(content: HTMLElement | null) {
      replace(overlay, content);
      overlay.hidden = content === null;
    },
    setScale(px: number, label: string) {
      (scale.firstChild as HTMLElement).style.width = `${px}px`;
      (scale.lastChild as HTMLElement).textContent = label;
      scale.hidden = px === 0;
    },
    showTooltip(text: string | null, x = 0, y = 0) {
      tooltip.hidden = text === null;
      if (text !== null) {
        tooltip.textContent = text;
        tooltip.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
      }
    },
  };
}

/** « 252 communes ; zones blanches : 140 communes, 98 000 habitants ». */
export function summaryLine(where: string, communes: number, uncovered: { count: number; population: number } | null, what: string): string {
  return `${where} : ${plural(communes, 'commune')}${uncovered ? ` ; ${what} : ${plural(uncovered.count, 'commune')}, ${formatInt(uncovered.population)} habitants` : ''}.`;
}
