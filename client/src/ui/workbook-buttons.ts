// « XLSX » and « ODS » download buttons for a table the view shows: the server writes the
// workbook (French headers, dates, widths, frozen header row), the browser saves it.
import { fileOf, isAbort } from '../api.ts';
import { button, errorAlert, h, replace, saveBlob } from '../dom.ts';

export type WorkbookFormat = 'xlsx' | 'ods';

/**
 * Two buttons and the line that says what happened. `download` asks the route for one format;
 * `fallbackName` names the file when the server does not; `note` says what the workbook holds.
 * Tools, not content: hidden in print (print.css), like the « Rapport PDF » link they sit beside.
 */
export function workbookButtons(label: string, download: (format: WorkbookFormat) => Promise<Response>, fallbackName: (format: WorkbookFormat) => string, options: { small?: boolean; note?: string } = {}): HTMLElement {
  const status = h('div', { 'aria-live': 'polite', class: 'app-workbook-status' });
  const one = (format: WorkbookFormat) => {
    const name = format.toUpperCase();
    const b = button(
      `${label} en ${name}`,
      async () => {
        b.disabled = true;
        replace(status, h('p', { class: 'fr-text--sm fr-mb-0' }, `Préparation du classeur ${name}…`));
        try {
          const { blob, filename } = await fileOf(await download(format));
          saveBlob(blob, filename ?? fallbackName(format));
          replace(status, h('p', { class: 'fr-text--sm fr-mb-0' }, `Classeur ${name} téléchargé.`));
        } catch (error) {
          if (!isAbort(error)) replace(status, errorAlert(error, `Le classeur ${name} n’a pas pu être préparé`));
        } finally {
          b.disabled = false;
        }
      },
      { kind: 'secondary', small: options.small, icon: 'fr-icon-file-download-line' },
    );
    return b;
  };
  return h(
    'div',
    { class: 'app-workbook-buttons' },
    h('div', { class: 'fr-btns-group fr-btns-group--inline fr-btns-group--icon-left fr-btns-group--sm' }, one('xlsx'), one('ods')),
    options.note ? h('p', { class: 'fr-text--xs app-mention fr-mb-0 app-workbook-buttons__note' }, options.note) : null,
    status,
  );
}
