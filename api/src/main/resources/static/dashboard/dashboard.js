// The main page: reads the live feed (/dashboard/feed), keeps the latest snapshot of each operation and renders
// pending approvals (approvals.js: with their Approve / Reject buttons), the per-target cards (each opens its service's telemetry), the operations per minute by outcome
// and the table (each row opens its operation's page). Server text is shown through LightDevOps.shown only.
(function () {
  'use strict';
  const L = window.LightDevOps;
  const operations = new Map();
  const $ = (id) => document.getElementById(id);
  const filterIds = ['filter-service', 'filter-environment', 'filter-status', 'filter-type', 'filter-text'];
  const OUTCOMES = ['succeeded', 'failed', 'cancelled', 'timed_out', 'rejected', 'expired'];
  const COLORS = { succeeded: '#3fb950', failed: '#f85149', cancelled: '#d29922', timed_out: '#db6d28',
    rejected: '#a371f7', expired: '#8a99a8' };
  const MINUTES = 30;
  let renderQueued = false;
  let chart = null;

  function apply(operation) {
    if (L.supersedes(operation, operations.get(operation.id))) {
      operations.set(operation.id, operation);
      scheduleRender();
    }
  }

  function scheduleRender() {
    // setTimeout rather than requestAnimationFrame: frames are not produced for hidden or headless pages.
    if (!renderQueued) { renderQueued = true; setTimeout(() => { renderQueued = false; render(); }, 50); }
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
    if (f.status === 'active' ? L.TERMINAL.has(op.status) : (f.status && op.status !== f.status)) return false;
    if (f.type && op.type !== f.type) return false;
    if (f.text && !(op.id + ' ' + (op.requested_by || '')).toLowerCase().includes(f.text)) return false;
    return true;
  }

  function duration(op) {
    const start = Date.parse(op.started_at || op.created_at);
    const end = op.finished_at ? Date.parse(op.finished_at) : Date.now();
    return L.seconds(end - start).replace(/\.\d s$/, ' s');
  }

  function percent(op) {
    if (op.status === 'succeeded') return 100;
    return op.progress && typeof op.progress.percent === 'number' ? op.progress.percent : 0;
  }

  function cell(text, className) {
    const td = L.el('td', className, text);
    return td;
  }

  function row(op) {
    const tr = document.createElement('tr');
    tr.dataset.operationId = op.id;
    tr.dataset.status = op.status;
    tr.className = 'link';
    tr.addEventListener('click', () => { location.href = L.operationLink(op.id); });
    const status = document.createElement('td');
    status.appendChild(L.el('span', 'badge ' + op.status, op.status));
    tr.appendChild(status);
    tr.appendChild(cell(op.type));
    const target = op.target || {};
    tr.appendChild(cell(target.service ? target.service + '@' + target.environment : '—'));
    const progress = document.createElement('td');
    const bar = L.el('span', 'progress ' + op.status);
    const fill = document.createElement('span');
    fill.style.width = percent(op) + '%';
    bar.appendChild(fill);
    progress.appendChild(bar);
    progress.appendChild(L.el('span', op.error ? 'stage error' : 'stage', op.error ? op.error.code + ': ' + op.error.message
      : percent(op) + '%' + (op.progress && op.progress.stage ? ' · ' + op.progress.stage : '')));
    tr.appendChild(progress);
    tr.appendChild(cell(duration(op), 'duration'));
    tr.appendChild(cell(op.requested_by || '—'));
    tr.appendChild(cell(op.created_at ? new Date(op.created_at).toLocaleTimeString() : '—'));
    const id = document.createElement('td');
    id.className = 'id';
    const link = L.el('a', null, op.id);
    link.href = L.operationLink(op.id);
    id.appendChild(link);
    tr.appendChild(id);
    return tr;
  }

  function renderTargets(all) {
    const targets = new Map();
    for (const op of all) {
      if (!op.target || !op.target.service || !(op.type === 'deploy' || op.type === 'rollback')) continue;
      const key = op.target.service + '@' + op.target.environment;
      const entry = targets.get(key) || { target: op.target, live: null, active: null, last: null };
      if (op.status === 'succeeded' && (!entry.live || op.finished_at > entry.live.finished_at)) entry.live = op;
      if (!L.TERMINAL.has(op.status) && (!entry.active || op.id > entry.active.id)) entry.active = op;
      if (!entry.last || op.id > entry.last.id) entry.last = op;
      targets.set(key, entry);
    }
    const box = $('targets');
    if (!targets.size) {
      box.replaceChildren(L.el('p', 'empty', 'No deployments seen yet.'));
      return;
    }
    box.replaceChildren(...[...targets.entries()].sort().map(([key, entry]) => {
      const card = L.el('a', 'target');
      card.href = L.serviceLink(entry.target.service);
      card.dataset.target = key;
      const title = L.el('div', 'key', entry.target.service + ' ');
      title.appendChild(L.el('span', 'env', entry.target.environment));
      const live = entry.live && ((entry.live.result && entry.live.result.version) || entry.live.request.version);
      const activity = L.el('div', 'activity');
      if (entry.active) {
        activity.textContent = L.shown(entry.active.type + ' ' + (entry.active.request.version || '') + ' '
          + entry.active.status + ' ' + percent(entry.active) + '% · ' + (entry.active.requested_by || ''));
      } else if (entry.last && entry.last.status !== 'succeeded') {
        activity.textContent = L.shown('last ' + entry.last.type + ' ' + entry.last.status);
      }
      card.append(title, L.el('div', 'version', live || '—'), activity);
      return card;
    }));
  }

  // Operations that ended in each of the last MINUTES minutes, one line per outcome.
  function renderOutcomeChart(all) {
    const now = Math.floor(Date.now() / 60000) * 60;
    const minutes = Array.from({ length: MINUTES }, (_, i) => now - (MINUTES - 1 - i) * 60);
    const counts = OUTCOMES.map(() => new Array(MINUTES).fill(0));
    for (const op of all) {
      if (!op.finished_at || !L.TERMINAL.has(op.status)) continue;
      const index = MINUTES - 1 - Math.floor((now - Math.floor(Date.parse(op.finished_at) / 60000) * 60) / 60);
      if (index >= 0 && index < MINUTES) counts[OUTCOMES.indexOf(op.status)][index]++;
    }
    const data = [minutes, ...counts];
    const box = $('outcome-chart');
    if (!chart) {
      chart = new uPlot({ width: Math.max(320, box.clientWidth || 520), height: 150, legend: { live: false },
        scales: { y: { range: (u, min, max) => [0, Math.max(3, max)] } },
        axes: [{ stroke: '#8a99a8', grid: { stroke: '#26313d' } }, { stroke: '#8a99a8', grid: { stroke: '#26313d' } }],
        series: [{}, ...OUTCOMES.map((outcome) => ({ label: outcome.replace('_', ' '), stroke: COLORS[outcome],
          width: 2, points: { show: true, size: 4 } }))] }, data, box);
    } else {
      chart.setData(data);
    }
    box.dataset.total = String(counts.flat().reduce((a, b) => a + b, 0));
  }

  function render() {
    const all = [...operations.values()];
    const f = filters();
    const shown = all.filter((op) => matches(op, f)).sort((a, b) => (a.id < b.id ? 1 : -1));
    document.querySelector('#operations tbody').replaceChildren(...shown.slice(0, 500).map(row));
    $('no-operations').style.display = shown.length ? 'none' : '';
    $('count-active').textContent = all.filter((op) => !L.TERMINAL.has(op.status)).length;
    $('count-succeeded').textContent = all.filter((op) => op.status === 'succeeded').length;
    $('count-failed').textContent = all.filter((op) => L.TERMINAL.has(op.status) && op.status !== 'succeeded').length;
    $('count-total').textContent = all.length;
    window.LightDevOpsApprovals.render(all);
    renderTargets(all.filter((op) => matches(op, Object.assign({}, f, { status: '', type: '', text: '' }))));
    renderOutcomeChart(all);
  }

  async function loadServerInfo() {
    try {
      $('server-version').textContent = 'v' + L.shown((await L.getJson('/')).version);
    } catch (ignored) { /* the dashboard works without it */ }
  }

  filterIds.forEach((id) => $(id).addEventListener('input', scheduleRender));
  $('token').value = L.token();
  $('token').addEventListener('change', () => { localStorage.setItem('lightdevops.token', $('token').value.trim()); location.reload(); });
  let idle = 0;
  setInterval(() => {
    idle = (idle + 1) % 30;
    if (idle === 0 || [...operations.values()].some((op) => !L.TERMINAL.has(op.status))) scheduleRender();
  }, 1000);
  loadServerInfo();
  L.readEvents('/dashboard/feed', (event, data) => { if (event === 'operation') apply(data); }, L.setFeedState);
}());
