// Interactive API documentation at /api/docs, self-contained (no CDN, works offline): an HTML
// page in the DSFR look (its stylesheets and fonts served from @gouvfr/dsfr) and a script that
// read /api/openapi.json, list the operations by tag and let the user send a request and read the
// answer. Documentation, not data: readable without an account.

/** The DSFR stylesheets the page reads, and the fonts they name (served from @gouvfr/dsfr under /api/docs/dsfr/). */
export const DOCS_DSFR_STYLES = ['core/core.min.css', ...['link', 'button', 'logo', 'skiplink', 'header', 'footer', 'form', 'input', 'table', 'badge', 'callout'].map((c) => `component/${c}/${c}.min.css`)];

export const DOCS_HTML = `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Documentation de l’API · Articulation CLS · CLSM · PTSM</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${DOCS_DSFR_STYLES.map((path) => `<link rel="stylesheet" href="/api/docs/dsfr/${path}">`).join('\n')}
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="Accès rapide"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#operations">Contenu</a></li></ul></nav></div>
<header role="banner" class="fr-header">
  <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
    <div class="fr-header__brand fr-enlarge-link">
      <div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
      <div class="fr-header__service">
        <a href="/" title="Accueil — Articulation CLS · CLSM · PTSM"><p class="fr-header__service-title">Articulation CLS · CLSM · PTSM</p></a>
        <p class="fr-header__service-tagline">Documentation de l’API</p>
      </div>
    </div>
  </div></div></div>
</header>
<main id="operations-page" class="fr-container fr-py-4w" role="main">
  <h1 class="fr-h2">Documentation de l’API</h1>
  <p>Documentation interactive générée à partir de la <a class="fr-link" href="/api/openapi.json">description OpenAPI</a>. Les réponses sont en JSON ; les erreurs ont la forme <code>{ "error": "…", "issues": [{ "path", "message" }] }</code>. Cette page se lit sans compte ; les données, elles, demandent une session ou un jeton d’accès (<code>Authorization: Bearer …</code>).</p>
  <div class="fr-input-group"><label class="fr-label" for="filter">Filtrer les opérations<span class="fr-hint-text">Chemin, résumé ou description (ex. : rapport, avis, import)</span></label><input class="fr-input" id="filter" type="search"></div>
  <div id="operations" tabindex="-1"><p>Chargement de la description de l’API…</p></div>
</main>
<footer class="fr-footer" role="contentinfo"><div class="fr-container"><div class="fr-footer__body">
  <div class="fr-footer__brand"><p class="fr-logo">République<br>Française</p></div>
  <div class="fr-footer__content"><p class="fr-footer__content-desc">Planificateur d’articulation CLS, CLSM et PTSM : logiciel libre. <a href="/">Retour à l’application</a>.</p></div>
</div></div></footer>
<script src="/api/docs/docs.js" defer></script>
</body>
</html>
`;

export const DOCS_CSS = `
.op { border: 1px solid var(--border-default-grey); margin: .5rem 0; background: var(--background-default-grey); }
.op > summary { cursor: pointer; padding: .5rem .75rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: baseline; }
.op-path { font-family: monospace; font-weight: 700; }
.op-body { padding: .5rem 1rem 1rem; border-top: 1px solid var(--border-default-grey); }
.op-body pre { background: var(--background-alt-grey); padding: .75rem; overflow: auto; max-height: 24rem; font-size: .8rem; }
.op-body textarea { min-height: 8rem; font-family: monospace; }
.op-status { font-weight: 700; }
`;

export const DOCS_JS = `'use strict';
(function () {
  var root = document.getElementById('operations');
  var filter = document.getElementById('filter');
  var METHODS = ['get', 'post', 'put', 'delete', 'patch'];
  var METHOD_BADGES = { get: 'fr-badge--success', post: 'fr-badge--info', put: 'fr-badge--warning', delete: 'fr-badge--error' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function resolveRef(spec, schema) {
    var guard = 0;
    while (schema && schema.$ref && guard++ < 20) {
      var parts = schema.$ref.replace(/^#\\//, '').split('/');
      schema = parts.reduce(function (o, p) { return o && o[p]; }, spec);
    }
    return schema;
  }

  function example(spec, schema, depth) {
    schema = resolveRef(spec, schema);
    if (!schema || depth > 6) return null;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum) return schema.enum[0];
    if (schema.anyOf || schema.oneOf) return example(spec, (schema.anyOf || schema.oneOf)[0], depth + 1);
    switch (schema.type) {
      case 'object':
        var out = {};
        var req = schema.required || [];
        Object.keys(schema.properties || {}).forEach(function (k) { if (req.indexOf(k) >= 0) out[k] = example(spec, schema.properties[k], depth + 1); });
        return out;
      case 'array': return [];
      case 'integer': case 'number': return schema.minimum !== undefined ? schema.minimum : 1;
      case 'boolean': return false;
      case 'string': return '';
      default: return null;
    }
  }

  function operation(spec, path, method, op) {
    var params = (op.parameters || []).map(function (p) { return resolveRef(spec, p); });
    var body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    var wantsVersion = method === 'put' || method === 'delete';
    var inputs = {};
    var table = el('table', {}, [el('tr', {}, [el('th', { text: 'Paramètre', scope: 'col' }), el('th', { text: 'Où', scope: 'col' }), el('th', { text: 'Valeur', scope: 'col' })])]);
    params.forEach(function (p) {
      var input = el('input', { type: 'text', className: 'fr-input', 'aria-label': p.name + ' (' + p.in + ')', placeholder: p.schema && p.schema.enum ? p.schema.enum.join(' | ') : (p.schema && p.schema.type) || '' });
      inputs[p.in + ':' + p.name] = input;
      table.appendChild(el('tr', {}, [el('td', {}, [el('code', { text: p.name }), p.required ? ' *' : '']), el('td', { text: p.in }), el('td', {}, [input])]));
    });
    var ifMatch = null;
    if (wantsVersion) {
      ifMatch = el('input', { type: 'text', className: 'fr-input', 'aria-label': 'En-tête If-Match', placeholder: 'version lue, par exemple 1' });
      table.appendChild(el('tr', {}, [el('td', {}, [el('code', { text: 'If-Match' })]), el('td', { text: 'en-tête' }), el('td', {}, [ifMatch])]));
    }
    var textarea = null;
    if (body) {
      textarea = el('textarea', { spellcheck: 'false', className: 'fr-input', 'aria-label': 'Corps JSON de la requête ' + method.toUpperCase() + ' ' + path });
      textarea.value = JSON.stringify(example(spec, body.schema, 0), null, 2);
    }
    var output = el('div', {});
    var button = el('button', { type: 'button', className: 'fr-btn fr-btn--sm', text: 'Envoyer' });
    button.addEventListener('click', function () {
      var url = path.replace(/\\{([^}]+)\\}/g, function (_, name) {
        var input = inputs['path:' + name];
        return encodeURIComponent(input ? input.value : '');
      });
      var search = new URLSearchParams();
      params.forEach(function (p) { if (p.in === 'query' && inputs['query:' + p.name].value !== '') search.set(p.name, inputs['query:' + p.name].value); });
      var qs = search.toString();
      var headers = { Accept: 'application/json' };
      if (textarea) headers['Content-Type'] = 'application/json';
      if (ifMatch && ifMatch.value) headers['If-Match'] = ifMatch.value;
      var started = performance.now();
      output.textContent = 'Envoi…';
      fetch(url + (qs ? '?' + qs : ''), { method: method.toUpperCase(), headers: headers, body: textarea ? textarea.value : undefined })
        .then(function (res) {
          return res.text().then(function (text) {
            var shown = text;
            try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
            if (shown.length > 200000) shown = shown.slice(0, 200000) + '\\n… (tronqué)';
            output.textContent = '';
            output.appendChild(el('p', {}, [el('span', { className: 'op-status', text: 'HTTP ' + res.status }), ' en ' + Math.round(performance.now() - started) + ' ms']));
            output.appendChild(el('pre', { text: shown, tabindex: '0' }));
          });
        })
        .catch(function (e) { output.textContent = 'Échec de la requête : ' + e.message; });
    });
    var responses = el('table', {}, [el('tr', {}, [el('th', { text: 'Code', scope: 'col' }), el('th', { text: 'Signification', scope: 'col' })])]);
    Object.keys(op.responses || {}).forEach(function (code) {
      responses.appendChild(el('tr', {}, [el('td', { text: code }), el('td', { text: (resolveRef(spec, op.responses[code]) || {}).description || '' })]));
    });
    var details = el('details', { className: 'op', 'data-search': (method + ' ' + path + ' ' + (op.summary || '') + ' ' + (op.description || '')).toLowerCase() }, [
      el('summary', {}, [el('span', { className: 'fr-badge fr-badge--sm fr-badge--no-icon ' + (METHOD_BADGES[method] || ''), text: method.toUpperCase() }), el('span', { className: 'op-path', text: path }), el('span', { text: op.summary || '' })]),
      el('div', { className: 'op-body' }, [
        op.description ? el('p', { text: op.description }) : null,
        params.length || wantsVersion ? el('div', { className: 'fr-table fr-table--sm' }, [table]) : null,
        textarea ? el('p', {}, [el('strong', { text: 'Corps JSON' })]) : null,
        textarea,
        body ? el('details', {}, [el('summary', { text: 'Schéma du corps' }), el('pre', { text: JSON.stringify(resolveRef(spec, body.schema), null, 2), tabindex: '0' })]) : null,
        el('p', { text: 'Réponses' }),
        el('div', { className: 'fr-table fr-table--sm' }, [responses]),
        el('p', {}, [button]),
        output,
      ]),
    ]);
    return details;
  }

  fetch('/api/openapi.json')
    .then(function (r) { return r.json(); })
    .then(function (spec) {
      root.textContent = '';
      var groups = {};
      Object.keys(spec.paths || {}).sort().forEach(function (path) {
        METHODS.forEach(function (method) {
          var op = spec.paths[path][method];
          if (!op) return;
          var tag = (op.tags && op.tags[0]) || 'Autres';
          (groups[tag] = groups[tag] || []).push(operation(spec, path, method, op));
        });
      });
      var order = (spec.tags || []).map(function (t) { return t.name; });
      Object.keys(groups).sort(function (a, b) {
        var ia = order.indexOf(a), ib = order.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
      }).forEach(function (tag) {
        var section = el('section', {}, [el('h2', { className: 'fr-h4 fr-mt-4w', text: tag })]);
        groups[tag].forEach(function (d) { section.appendChild(d); });
        root.appendChild(section);
      });
    })
    .catch(function (e) { root.textContent = 'Impossible de lire /api/openapi.json : ' + e.message; });

  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('details.op').forEach(function (d) { d.style.display = !q || d.getAttribute('data-search').indexOf(q) >= 0 ? '' : 'none'; });
  });
})();
`;
