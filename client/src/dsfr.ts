// The DSFR (Système de design de l'État) parts this client uses: core, the components it
// renders and the icons it shows (icons.css). Importing the whole dsfr.min.css would ship ~700 kB.
import '@gouvfr/dsfr/dist/core/core.min.css';
import '@gouvfr/dsfr/dist/component/link/link.min.css';
import '@gouvfr/dsfr/dist/component/button/button.min.css';
import '@gouvfr/dsfr/dist/component/logo/logo.min.css';
import '@gouvfr/dsfr/dist/component/skiplink/skiplink.min.css';
import '@gouvfr/dsfr/dist/component/navigation/navigation.min.css';
import '@gouvfr/dsfr/dist/component/modal/modal.min.css';
import '@gouvfr/dsfr/dist/component/header/header.min.css';
import '@gouvfr/dsfr/dist/component/footer/footer.min.css';
import '@gouvfr/dsfr/dist/component/form/form.min.css';
import '@gouvfr/dsfr/dist/component/input/input.min.css';
import '@gouvfr/dsfr/dist/component/select/select.min.css';
import '@gouvfr/dsfr/dist/component/checkbox/checkbox.min.css';
import '@gouvfr/dsfr/dist/component/radio/radio.min.css';
import '@gouvfr/dsfr/dist/component/toggle/toggle.min.css';
import '@gouvfr/dsfr/dist/component/segmented/segmented.min.css';
import '@gouvfr/dsfr/dist/component/upload/upload.min.css';
import '@gouvfr/dsfr/dist/component/search/search.min.css';
import '@gouvfr/dsfr/dist/component/table/table.min.css';
import '@gouvfr/dsfr/dist/component/alert/alert.min.css';
import '@gouvfr/dsfr/dist/component/badge/badge.min.css';
import '@gouvfr/dsfr/dist/component/tag/tag.min.css';
import '@gouvfr/dsfr/dist/component/callout/callout.min.css';
import '@gouvfr/dsfr/dist/component/notice/notice.min.css';
import '@gouvfr/dsfr/dist/component/tab/tab.min.css';
import '@gouvfr/dsfr/dist/component/accordion/accordion.min.css';
import '@gouvfr/dsfr/dist/component/tooltip/tooltip.min.css';
// DSFR's print rules for these components (all inside @media print); ours are in print.css.
import '@gouvfr/dsfr/dist/dsfr.print.min.css';
import './icons.css';
// The DSFR script: header menu on small screens, modals, accordions, tabs, tooltips.
import '@gouvfr/dsfr/dist/dsfr.module.min.js';
