// Territory autocomplete: communes, EPCI and départements from the API's search (accent-
// insensitive, official geographic code), chosen codes shown as dismissible DSFR tags.
import { TERRITORY_TYPE_LABELS } from '../../../model/vocabulary.ts';
import { api, cancellable, json } from '../api.ts';
import type { AppContext } from '../context.ts';
import { h } from '../dom.ts';
import { formatInt } from '../lib/format.ts';
import { combobox } from './combobox.ts';
import { compositeField } from './fields.ts';

export interface TerritoryValue {
  communes: string[];
  epci: string[];
  departements: string[];
}

const FIELD: Partial<Record<keyof typeof TERRITORY_TYPE_LABELS, keyof TerritoryValue>> = { commune: 'communes', epci: 'epci', departement: 'departements' };

export function territoryPicker(ctx: AppContext, initial: TerritoryValue, onChange: () => void) {
  let value: TerritoryValue = { communes: [...initial.communes], epci: [...initial.epci], departements: [...initial.departements] };
  const names = new Map<string, { name: string; population?: number }>();
  const tags = h('ul', { class: 'fr-tags-group app-territory__tags', 'aria-label': 'Territoire choisi' });
  const search = combobox({
    label: 'Ajouter une commune, un EPCI ou un département',
    hint: 'Tapez un nom ou un code INSEE (ex. : « niort », « 79191 », « CA du Niortais »)',
    placeholder: 'Rechercher un territoire',
    minLength: 2,
    clearOnSelect: true,
    search: async (q, signal) => {
      const { results } = await json(api.territories.search.$get({ query: { q, limit: '20', type: 'commune,epci,departement' } }, cancellable(signal)));
      return results.filter((hit) => hit.type in FIELD).slice(0, 12).map((hit) => {
        names.set(hit.code, { name: hit.name, population: hit.population });
        return { id: `${hit.type}:${hit.code}`, label: hit.name, detail: `${TERRITORY_TYPE_LABELS[hit.type]} ${hit.code} · ${formatInt(hit.population)} hab.${hit.departements.length ? ` · ${hit.departements.join(', ')}` : ''}` };
      });
    },
    onSelect: (option) => {
      const [type, code] = option.id.split(':');
      const field = FIELD[type as keyof typeof FIELD];
      if (!field || value[field].includes(code)) return;
      value = { ...value, [field]: [...value[field], code] };
      renderTags();
      ctx.announce(`${option.label} ajouté au territoire`);
      onChange();
    },
    noResults: 'Aucun territoire ne correspond',
  });
  const field = compositeField({ legend: 'Territoire *', hint: 'Le périmètre est l’union des communes, EPCI et départements choisis.', name: 'territory', content: [tags, search.el] });

  function renderTags() {
    const items: HTMLElement[] = [];
    for (const [type, key] of [['departement', 'departements'], ['epci', 'epci'], ['commune', 'communes']] as const) {
      for (const code of value[key]) {
        const info = names.get(code);
        const label = `${info?.name ?? code} (${TERRITORY_TYPE_LABELS[type]} ${code})`;
        const tag = h('button', { type: 'button', class: 'fr-tag fr-tag--sm fr-tag--dismiss', 'aria-label': `Retirer ${label}` }, label);
        tag.addEventListener('click', () => {
          value = { ...value, [key]: value[key].filter((c) => c !== code) };
          renderTags();
          ctx.announce(`${info?.name ?? code} retiré du territoire`);
          onChange();
          search.input.focus();
        });
        items.push(h('li', null, tag));
      }
    }
    tags.replaceChildren(...(items.length ? items : [h('li', { class: 'fr-text--sm app-mention' }, 'Aucun territoire choisi.')]));
  }

  // Names of the codes already there (the form's own lifetime bounds these requests).
  const controller = new AbortController();
  const codes = [...value.communes, ...value.epci, ...value.departements];
  void Promise.all(
    codes.slice(0, 60).map((code) =>
      ctx
        .cached(`territory:${code}`, (s) => json(api.territories[':code'].$get({ param: { code } }, cancellable(s))), controller.signal)
        .then((d) => names.set(code, { name: d.name, population: d.population }))
        .catch(() => undefined),
    ),
  ).then(() => controller.signal.aborted || renderTags());
  renderTags();

  return {
    el: field.el,
    get: (): TerritoryValue => value,
    set(next: TerritoryValue) {
      value = { communes: [...next.communes], epci: [...next.epci], departements: [...next.departements] };
      renderTags();
    },
    setError: field.setError,
    focusTarget: () => search.input,
    destroy() {
      controller.abort();
      search.destroy();
    },
  };
}
