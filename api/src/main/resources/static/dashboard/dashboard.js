// Live operations dashboard: reads the server's SSE feed (/dashboard/feed) with fetch(), so that a bearer token can
// be sent, keeps the latest snapshot of each operation, and renders the table and per-target cards. No build step.
(function () {
  'use strict';
  const RANK = { awaiting_approval: 0, queued: 1, running: 2, succeeded: 3, failed: 3, cancelled: 3, timed_out: 3,
    rejected: 3, expired: 3 };
  const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'timed_out', 'rejected', 'expired']);
  const operations = new Map();
  const $ = (id) => document.getElementById(id);
  const filterIds = ['filter-service', 'filter-environment', 'filter-status', 'filter-type', 'filter-text'];
  let renderQueued = false;
  // Text from the server is only ever set as textContent (never parsed as HTML), and the characters that could make
  // it read as something else (controls, bidirectional overrides and isolates, unpaired surrogates: a requester or
  // an error message from an identity provider or a deploy target) are shown as visible \u escapes.
  const SPOOFING = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  function shown(text) {
    return text == null ? '' : String(text).replace(SPOOFING,
      (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
  }

  function token() { return localStorage.getItem('lightdevops.token') || ''; }
  function headers(accept) {
    const h = { Accept: accept };
    if (token()) h.Authorization = 'Bearer ' + token();
    return h;
  }

  // A snapshot replaces the one we hold only if it is not older: terminal is final, status never goes back.
  function supersedes(next, current) {
    if (!current) return true;
    if (TERMINAL.has(current.status)) return false;
    if (TERMINAL.has(next.status)) return true;
    if ((next.attempt || 1) !== (current.attempt || 1)) return (next.attempt || 1) > (current.attempt || 1);
    if (RANK[next.status] !== RANK[current.status]) return RANK[next.status] > RANK[current.status];
    return (next.updated_at || '') >= (current.updated_at || '');
  }

  function apply(operation) {
    if (supersedes(operation, operations.get(operation.id))) {
      operations.set(operation.id, operation);
      scheduleRender();
    }
  }

  function scheduleRender() {
    // setTimeout rather than requestAnimationFrame: frames are not produced for hidden or headless pages.
    if (!renderQueued) { renderQueued = true; setTimeout(() => { renderQueued = false; render(); }, 50); }
  }

  function setFeedState(online, label) {
    $('feed-state').className = 'dot ' + (online ? 'online' : 'offline');
    $('feed-label').textContent = label;
  }

  async function connect() {
    try {
      const response = await fetch('/dashboard/feed', { headers: headers('text/event-stream'), cache: 'no-store' });
      if (!response.ok) {
        let detail = response.status + ' ' + response.statusText;
        try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not a problem document */ }
        setFeedState(false, shown(detail));
        return setTimeout(connect, 5000);
      }
      setFeedState(true, 'live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handleEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      setFeedState(false, 'reconnecting…');
    } catch (failure) {
      setFeedState(false, 'disconnected, retrying…');
    }
    setTimeout(connect, 1000);
  }

  function handleEvent(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (event === 'operation' && data.length) apply(JSON.parse(data.join('\n')));
  }

  function filters() {
    const value = (id) => $(id).value.trim().toLowerCase();
    return { service: value('filter-service'), environment: value('filter-environment'),
      status: value('filter-status'), type: value('filter-type'), text: value('filter-text') };
  }

  function matches(op, f) {
    const target = op.target || {};
    if (f.service && !(target.service || '').toLowerCase().includes(f.service)) return false;
    if (f.environment && target.environment !== f.environment) return false;
    if (f.status === 'active' ? TERMINAL.has(op.status) : (f.status && op.status !== f.status)) return false;
    if (f.type && op.type !== f.type) return false;
    if (f.text && !(op.id + ' ' + (op.requested_by || '')).toLowerCase().includes(f.text)) return false;
    return true;
  }

  function duration(op) {
    const start = Date.parse(op.started_at || op.created_at);
    const end = op.finished_at ? Date.parse(op.finished_at) : Date.now();
    const seconds = Math.max(0, Math.round((end - start) / 1000));
    return seconds < 60 ? seconds + ' s' : Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  }

  function percent(op) {
    if (op.status === 'succeeded') return 100;
    return op.progress && typeof op.progress.percent === 'number' ? op.progress.percent : 0;
  }

  function cell(text, className) {
    const td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = shown(text);
    return td;
  }

  function row(op) {
    const tr = document.createElement('tr');
    tr.dataset.operationId = op.id;
    tr.dataset.status = op.status;
    const status = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = 'badge ' + op.status;
    badge.textContent = op.status;
    status.appendChild(badge);
    tr.appendChild(status);
    tr.appendChild(cell(op.type));
    const target = op.target || {};
    tr.appendChild(cell(target.service ? target.service + '@' + target.environment : '—'));
    const progress = document.createElement('td');
    const bar = document.createElement('span');
    bar.className = 'progress ' + op.status;
    const fill = document.createElement('span');
    fill.style.width = percent(op) + '%';
    bar.appendChild(fill);
    progress.appendChild(bar);
    const stage = document.createElement('span');
    stage.className = op.error ? 'stage error' : 'stage';
    stage.textContent = shown(op.error ? op.error.code + ': ' + op.error.message
      : percent(op) + '%' + (op.progress && op.progress.stage ? ' · ' + op.progress.stage : ''));
    progress.appendChild(stage);
    tr.appendChild(progress);
    tr.appendChild(cell(duration(op), 'duration'));
    tr.appendChild(cell(op.requested_by || '—'));
    tr.appendChild(cell(op.created_at ? new Date(op.created_at).toLocaleTimeString() : '—'));
    tr.appendChild(cell(op.id, 'id'));
    return tr;
  }

  function renderTargets(all) {
    const targets = new Map();
    for (const op of all) {
      if (!op.target || !op.target.service || !(op.type === 'deploy' || op.type === 'rollback')) continue;
      const key = op.target.service + '@' + op.target.environment;
      const entry = targets.get(key) || { target: op.target, live: null, active: null, last: null };
      if (op.status === 'succeeded' && (!entry.live || op.finished_at > entry.live.finished_at)) entry.live = op;
      if (!TERMINAL.has(op.status) && (!entry.active || op.id > entry.active.id)) entry.active = op;
      if (!entry.last || op.id > entry.last.id) entry.last = op;
      targets.set(key, entry);
    }
    const box = $('targets');
    box.replaceChildren();
    if (!targets.size) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'No deployments seen yet.';
      box.appendChild(empty);
      return;
    }
    for (const [key, entry] of [...targets.entries()].sort()) {
      const card = document.createElement('div');
      card.className = 'target';
      card.dataset.target = key;
      const title = document.createElement('div');
      title.className = 'key';
      title.textContent = shown(entry.target.service) + ' ';
      const env = document.createElement('span');
      env.className = 'env';
      env.textContent = shown(entry.target.environment);
      title.appendChild(env);
      const version = document.createElement('div');
      version.className = 'version';
      const live = entry.live && ((entry.live.result && entry.live.result.version) || entry.live.request.version);
      version.textContent = shown(live) || '—';
      const activity = document.createElement('div');
      activity.className = 'activity';
      if (entry.active) {
        activity.textContent = shown(entry.active.type + ' ' + (entry.active.request.version || '') + ' '
          + entry.active.status + ' ' + percent(entry.active) + '% · ' + (entry.active.requested_by || ''));
      } else if (entry.last && entry.last.status !== 'succeeded') {
        activity.textContent = shown('last ' + entry.last.type + ' ' + entry.last.status);
      }
      card.append(title, version, activity);
      box.appendChild(card);
    }
  }

  function render() {
    const all = [...operations.values()];
    const f = filters();
    const shown = all.filter((op) => matches(op, f)).sort((a, b) => (a.id < b.id ? 1 : -1));
    const body = document.querySelector('#operations tbody');
    body.replaceChildren(...shown.slice(0, 500).map(row));
    $('no-operations').style.display = shown.length ? 'none' : '';
    $('count-active').textContent = all.filter((op) => !TERMINAL.has(op.status)).length;
    $('count-succeeded').textContent = all.filter((op) => op.status === 'succeeded').length;
    $('count-failed').textContent = all.filter((op) => TERMINAL.has(op.status) && op.status !== 'succeeded').length;
    $('count-total').textContent = all.length;
    renderTargets(all.filter((op) => matches(op, Object.assign({}, f, { status: '', type: '', text: '' }))));
    window.LightDevopsApprovals.render(all);
  }

  async function loadServerInfo() {
    try {
      const response = await fetch('/', { headers: headers('application/json') });
      const info = await response.json();
      $('server-version').textContent = 'v' + shown(info.version);
    } catch (ignored) { /* the dashboard works without it */ }
  }

  window.LightDevopsApprovals.init({ headers, shown });
  filterIds.forEach((id) => $(id).addEventListener('input', scheduleRender));
  $('token').value = token();
  $('token').addEventListener('change', () => { localStorage.setItem('lightdevops.token', $('token').value.trim()); location.reload(); });
  setInterval(() => { if ([...operations.values()].some((op) => !TERMINAL.has(op.status))) scheduleRender(); }, 1000);
  loadServerInfo();
  connect();
}());
