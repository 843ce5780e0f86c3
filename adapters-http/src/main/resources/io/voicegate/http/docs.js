// Renders /openapi.json as a list of operations; no third-party code, so the page works offline and under a strict CSP.
(async () => {
  const target = document.getElementById('operations');
  const spec = await (await fetch('/openapi.json')).json();
  target.textContent = '';
  const paths = Object.keys(spec.paths || {}).sort();
  for (const path of paths) {
    for (const [method, op] of Object.entries(spec.paths[path])) {
      const box = document.createElement('div');
      box.className = 'op';
      const head = document.createElement('div');
      const m = document.createElement('span'); m.className = 'method'; m.textContent = method;
      const p = document.createElement('span'); p.className = 'path'; p.textContent = path;
      const s = document.createElement('span'); s.className = 'summary'; s.textContent = op.summary || '';
      head.append(m, p, s);
      const details = document.createElement('details');
      const summary = document.createElement('summary'); summary.textContent = 'details';
      const pre = document.createElement('pre'); pre.textContent = JSON.stringify(op, null, 2);
      details.append(summary, pre);
      box.append(head, details);
      target.append(box);
    }
  }
  if (paths.length === 0) target.textContent = 'No documented routes.';
})();
