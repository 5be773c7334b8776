// Interactive API documentation at /api/docs, self-contained (no CDN, works offline): an HTML
// page and a script that read /api/openapi.json, list the operations by tag and let the user
// send a request and read the answer.

export const DOCS_HTML = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API du planificateur d’articulation CLS, CLSM, PTSM</title>
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<header>
  <h1>API du planificateur d’articulation CLS, CLSM et PTSM</h1>
  <p>Documentation interactive générée à partir de <a href="/api/openapi.json">/api/openapi.json</a>. Toutes les réponses sont en JSON ; les erreurs ont la forme <code>{ "error": "…", "issues": [{ "path", "message" }] }</code>.</p>
  <p><label>Filtrer : <input id="filter" type="search" placeholder="chemin, résumé…"></label></p>
</header>
<main id="operations"><p>Chargement de la description de l’API…</p></main>
<script src="/api/docs/docs.js" defer></script>
</body>
</html>
`;

export const DOCS_CSS = `
body { font-family: Marianne, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #161616; background: #f6f6f6; }
header { background: #000091; color: #fff; padding: 1rem 2rem; }
header a { color: #fff; }
header code { background: rgba(255,255,255,.15); padding: 0 .25rem; }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; }
main { padding: 1rem 2rem 3rem; max-width: 72rem; }
h2 { border-bottom: 2px solid #000091; padding-bottom: .25rem; margin-top: 2rem; }
details.op { background: #fff; border: 1px solid #ddd; border-radius: 4px; margin: .5rem 0; }
details.op > summary { cursor: pointer; padding: .5rem .75rem; display: flex; gap: .75rem; align-items: baseline; }
.method { font-weight: 700; font-family: monospace; min-width: 4.5rem; text-align: center; border-radius: 3px; padding: .1rem .3rem; color: #fff; }
.GET { background: #18753c; } .POST { background: #0063cb; } .PUT { background: #b34000; } .DELETE { background: #ce0500; }
.path { font-family: monospace; font-weight: 600; }
.op-body { padding: .5rem 1rem 1rem; border-top: 1px solid #eee; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #e5e5e5; padding: .3rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }
pre { background: #1e1e1e; color: #f0f0f0; padding: .75rem; overflow: auto; max-height: 24rem; font-size: .8rem; }
textarea { width: 100%; min-height: 8rem; font-family: monospace; }
input[type=text] { width: 100%; box-sizing: border-box; }
button { background: #000091; color: #fff; border: 0; padding: .5rem 1rem; cursor: pointer; border-radius: 3px; }
.status { font-weight: 700; }
.muted { color: #666; }
`;

export const DOCS_JS = `'use strict';
(function () {
  var root = document.getElementById('operations');
  var filter = document.getElementById('filter');
  var METHODS = ['get', 'post', 'put', 'delete', 'patch'];

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
    var table = el('table', {}, [el('tr', {}, [el('th', { text: 'paramètre' }), el('th', { text: 'où' }), el('th', { text: 'valeur' })])]);
    params.forEach(function (p) {
      var input = el('input', { type: 'text', placeholder: p.schema && p.schema.enum ? p.schema.enum.join(' | ') : (p.schema && p.schema.type) || '' });
      inputs[p.in + ':' + p.name] = input;
      table.appendChild(el('tr', {}, [el('td', {}, [el('code', { text: p.name }), p.required ? ' *' : '']), el('td', { text: p.in }), el('td', {}, [input])]));
    });
    var ifMatch = null;
    if (wantsVersion) {
      ifMatch = el('input', { type: 'text', placeholder: 'version lue, par exemple 1' });
      table.appendChild(el('tr', {}, [el('td', {}, [el('code', { text: 'If-Match' })]), el('td', { text: 'en-tête' }), el('td', {}, [ifMatch])]));
    }
    var textarea = null;
    if (body) {
      textarea = el('textarea', { spellcheck: 'false' });
      textarea.value = JSON.stringify(example(spec, body.schema, 0), null, 2);
    }
    var output = el('div', {});
    var button = el('button', { type: 'button', text: 'Envoyer' });
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
            output.appendChild(el('p', {}, [el('span', { className: 'status', text: 'HTTP ' + res.status }), ' en ' + Math.round(performance.now() - started) + ' ms']));
            output.appendChild(el('pre', { text: shown }));
          });
        })
        .catch(function (e) { output.textContent = 'Échec de la requête : ' + e.message; });
    });
    var responses = el('table', {}, [el('tr', {}, [el('th', { text: 'code' }), el('th', { text: 'signification' })])]);
    Object.keys(op.responses || {}).forEach(function (code) {
      responses.appendChild(el('tr', {}, [el('td', { text: code }), el('td', { text: (resolveRef(spec, op.responses[code]) || {}).description || '' })]));
    });
    var details = el('details', { className: 'op', 'data-search': (method + ' ' + path + ' ' + (op.summary || '') + ' ' + (op.description || '')).toLowerCase() }, [
      el('summary', {}, [el('span', { className: 'method ' + method.toUpperCase(), text: method.toUpperCase() }), el('span', { className: 'path', text: path }), el('span', { className: 'muted', text: op.summary || '' })]),
      el('div', { className: 'op-body' }, [
        op.description ? el('p', { text: op.description }) : null,
        params.length || wantsVersion ? table : null,
        textarea ? el('p', {}, [el('strong', { text: 'Corps JSON' })]) : null,
        textarea,
        body ? el('details', {}, [el('summary', { text: 'Schéma du corps' }), el('pre', { text: JSON.stringify(resolveRef(spec, body.schema), null, 2) })]) : null,
        el('p', { text: 'Réponses' }),
        responses,
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
        var section = el('section', {}, [el('h2', { text: tag })]);
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
