// History view: what changed (GET /api/v1/history), newest first, filtered, one page at a time. Sends the bearer token
// the live dashboard keeps in this browser. Self-contained: no build step, nothing shared with dashboard.js.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const filters = ['history-environment', 'history-service', 'history-principal', 'history-since', 'history-text'];
  let nextToken = null;

  function headers() {
    const token = localStorage.getItem('lightdevops.token') || '';
    return token ? { Accept: 'application/json', Authorization: 'Bearer ' + token } : { Accept: 'application/json' };
  }

  function query(pageToken) {
    const params = new URLSearchParams({ page_size: '50' });
    const names = { 'history-environment': 'environment', 'history-service': 'service',
      'history-principal': 'principal', 'history-since': 'since', 'history-text': 'text' };
    for (const id of filters) {
      const value = $(id).value.trim();
      if (value) params.set(names[id], value);
    }
    if (pageToken) params.set('page_token', pageToken);
    return '/api/v1/history?' + params.toString();
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    if (className) td.className = className;
    return td;
  }

  function row(change) {
    const tr = document.createElement('tr');
    tr.appendChild(cell(new Date(change.created_at).toLocaleString()));
    const status = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = 'badge ' + change.status;
    badge.textContent = change.status;
    status.appendChild(badge);
    if (change.error) {
      const error = document.createElement('div');
      error.className = 'error';
      error.textContent = change.error.code + (change.rolled_back_to ? ', rolled back to ' + change.rolled_back_to : '');
      status.appendChild(error);
    }
    tr.appendChild(status);
    tr.appendChild(cell(change.service + '@' + change.environment));
    tr.appendChild(cell(change.type + ' ' + (change.from_version ? change.from_version + ' → ' : '') +
      (change.version || '?')));
    tr.appendChild(cell(change.requested_by));
    tr.appendChild(cell((change.approved_by || []).join(', ')));
    tr.appendChild(cell(change.reason));
    tr.dataset.operationId = change.operation_id;
    return tr;
  }

  async function load(append) {
    const response = await fetch(query(append ? nextToken : null), { headers: headers(), cache: 'no-store' });
    let body = null;
    try { body = await response.json(); } catch (ignored) { /* not JSON */ }
    const tbody = document.querySelector('#history tbody');
    if (!append) tbody.replaceChildren();
    if (!response.ok) {
      $('history-empty').textContent = (body && body.detail) || (response.status + ' ' + response.statusText);
      $('history-more').hidden = true;
      return;
    }
    body.changes.forEach((change) => tbody.appendChild(row(change)));
    nextToken = body.next_page_token;
    $('history-more').hidden = !nextToken;
    $('history-empty').textContent = tbody.children.length ? '' : 'No changes match.';
  }

  let timer = null;
  for (const id of filters) {
    $(id).addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load(false), 250); });
  }
  $('history-more').addEventListener('click', () => load(true));
  load(false);
})();
