// haven serve only (never in a built site): reloads the page when a new
// build is served, and shows why a rebuild failed in a panel over the page.
// A first-party file, so the site's Content-Security-Policy allows it.
(function () {
  'use strict';
  if (!('EventSource' in window)) { return; }

  var shown = null;   // "session:build" of the page on screen
  var panel = null;
  var dismissed = '';

  function el(name, text) {
    var node = document.createElement(name);
    if (text) { node.textContent = text; }
    return node;
  }

  function style(node, rules) {
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    for (var key in rules) { node.style[key] = rules[key]; }
  }

  function hide() {
    if (panel) { panel.remove(); panel = null; }
  }

  function show(state) {
    var key = JSON.stringify(state.problems);
    if (!state.problems.length || key === dismissed) { hide(); return; }
    var first = !panel;
    hide();
    panel = el('section');
    panel.id = 'haven-problems';
    panel.setAttribute('role', 'alertdialog');
    panel.setAttribute('aria-modal', 'false');
    panel.setAttribute('aria-labelledby', 'haven-problems-title');
    panel.setAttribute('aria-describedby', 'haven-problems-intro');
    panel.tabIndex = -1;
    style(panel, {
      position: 'fixed', left: '0', right: '0', bottom: '0', zIndex: '2147483646',
      maxHeight: '60vh', overflow: 'auto', boxSizing: 'border-box',
      padding: '1rem 1.25rem', background: '#ffffff', color: '#1b1b1b',
      borderTop: '0.375rem solid #b3261e', boxShadow: '0 -0.25rem 1rem rgba(0,0,0,0.3)',
      font: '1rem/1.5 system-ui, sans-serif', textAlign: 'left'
    });
    var count = state.problems.length;
    var title = el('h2', count === 1 ? 'The site could not be rebuilt: 1 error'
      : 'The site could not be rebuilt: ' + count + ' errors');
    title.id = 'haven-problems-title';
    style(title, { margin: '0 0 0.5rem', fontSize: '1.25rem', color: '#b3261e' });
    var intro = el('p', 'You are seeing the last version that built. Fix the ' +
      (count === 1 ? 'error' : 'errors') + ' below and save: this page reloads by itself.' +
      (state.warnings ? ' The terminal also lists ' + state.warnings + ' warning(s).' : ''));
    intro.id = 'haven-problems-intro';
    style(intro, { margin: '0 0 0.75rem' });
    var list = el('ol');
    style(list, { margin: '0', padding: '0 0 0 1.5rem' });
    state.problems.forEach(function (problem) {
      var item = el('li');
      var text = el('pre', problem.text);
      style(text, { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '0 0 0.75rem',
        font: '0.9375rem/1.45 ui-monospace, Menlo, Consolas, monospace' });
      item.appendChild(text);
      list.appendChild(item);
    });
    var close = el('button', 'Hide these errors');
    close.type = 'button';
    style(close, { font: 'inherit', padding: '0.5rem 1rem', marginTop: '0.25rem',
      border: '2px solid #1b1b1b', background: '#f3f3f3', color: '#1b1b1b', cursor: 'pointer' });
    close.addEventListener('click', function () { dismissed = key; hide(); });
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { dismissed = key; hide(); }
    });
    panel.appendChild(title);
    panel.appendChild(intro);
    panel.appendChild(list);
    panel.appendChild(close);
    document.body.appendChild(panel);
    // Screen reader users hear the errors once, when they first appear.
    if (first) { panel.focus(); }
  }

  var events = new EventSource('/__haven/events');
  events.addEventListener('state', function (event) {
    var state = JSON.parse(event.data);
    var build = state.session + ':' + state.build;
    if (shown === null) { shown = build; }
    if (build !== shown && !state.problems.length) {
      window.location.reload();
      return;
    }
    show(state);
  });
}());
