// What the dashboard's pages share (no build step): the bearer token kept in this browser, fetch with it, Server-Sent
// Events read with fetch (so the token can be sent), tool calls that wait for their operation, and the one way
// server text is shown: as textContent, with the characters that could make it read as something else (controls,
// bidirectional overrides and isolates, unpaired surrogates) as visible \u escapes.
window.LightDevOps = (function () {
  'use strict';
  const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'timed_out', 'rejected', 'expired']);
  const RANK = { awaiting_approval: 0, queued: 1, running: 2 };
  const SPOOFING = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function shown(text) {
    return text == null ? '' : String(text).replace(SPOOFING,
      (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
  }
  function token() { return localStorage.getItem('lightdevops.token') || ''; }
  function headers(accept, extra) {
    const h = Object.assign({ Accept: accept || 'application/json' }, extra || {});
    if (token()) h.Authorization = 'Bearer ' + token();
    return h;
  }
  async function problemText(response) {
    let detail = response.status + ' ' + response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not a problem document */ }
    return shown(detail);
  }
  async function getJson(path) {
    const response = await fetch(path, { headers: headers('application/json'), cache: 'no-store' });
    if (!response.ok) throw new Error(await problemText(response));
    return response.json();
  }
  async function postJson(path, body) {
    const response = await fetch(path, { method: 'POST', cache: 'no-store',
      headers: headers('application/json', { 'Content-Type': 'application/json' }), body: JSON.stringify(body || {}) });
    if (!response.ok) throw new Error(await problemText(response));
    return response.json();
  }

  // Calls a tool over REST and waits for its operation to end: the result, or an Error with the operation's error.
  async function callTool(name, args) {
    const answer = await postJson('/api/v1/tools/' + name, args);
    let operation = answer.operation || { id: answer.operation_id, status: answer.status, result: answer.result };
    while (!TERMINAL.has(operation.status)) {
      operation = await getJson('/api/v1/operations/' + encodeURIComponent(operation.id) + '?wait=20s');
    }
    if (operation.status !== 'succeeded') throw new Error(operation.error ? operation.error.code + ': ' + operation.error.message : operation.status);
    return operation.result;
  }

  // Reads an SSE stream, calling onEvent(name, data) per event and onState(online, label); reconnects unless stopped.
  function readEvents(path, onEvent, onState) {
    let stopped = false;
    async function connect() {
      try {
        const response = await fetch(path, { headers: headers('text/event-stream'), cache: 'no-store' });
        if (!response.ok) {
          onState(false, await problemText(response));
          if (!stopped) setTimeout(connect, 5000);
          return;
        }
        onState(true, 'live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
        onState(false, 'ended');
      } catch (failure) {
        onState(false, 'disconnected, retrying…');
      }
      if (!stopped) setTimeout(connect, 1000);
    }
    function dispatch(block) {
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(event, JSON.parse(data.join('\n')));
    }
    connect();
    return { stop() { stopped = true; } };
  }

  // A snapshot replaces the one held only if it is not older: terminal is final, status never goes back.
  function supersedes(next, current) {
    if (!current) return true;
    if (TERMINAL.has(current.status)) return false;
    if (TERMINAL.has(next.status)) return true;
    if ((next.attempt || 1) !== (current.attempt || 1)) return (next.attempt || 1) > (current.attempt || 1);
    if (RANK[next.status] !== RANK[current.status]) return RANK[next.status] > RANK[current.status];
    return (next.updated_at || '') >= (current.updated_at || '');
  }

  function seconds(ms) {
    const s = Math.max(0, Math.round(ms / 100) / 10);
    if (s < 60) return s.toFixed(1) + ' s';
    const whole = Math.round(s);
    return Math.floor(whole / 60) + ' min ' + (whole % 60) + ' s';
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = shown(text);
    return node;
  }
  function operationLink(id) { return '/dashboard/operation.html?id=' + encodeURIComponent(id); }
  function serviceLink(service) { return '/dashboard/service.html?service=' + encodeURIComponent(service); }
  function describe(op) {
    const t = op.target || {};
    const r = op.request || {};
    if (op.type === 'deploy') return 'deploy ' + (t.service || r.service) + ' ' + (r.version || '') + ' to ' + (t.environment || r.environment);
    if (op.type === 'rollback') return 'rollback ' + (t.service || r.service || '') + ' in ' + (t.environment || r.environment || '');
    return op.type + (r.service ? ' of ' + r.service : '');
  }
  function setFeedState(online, label) {
    const dot = document.getElementById('feed-state');
    if (dot) dot.className = 'dot ' + (online ? 'online' : 'offline');
    const text = document.getElementById('feed-label');
    if (text) text.textContent = shown(label);
  }

  return { TERMINAL, shown, token, headers, getJson, postJson, callTool, readEvents, supersedes, seconds, el,
    operationLink, serviceLink, describe, setFeedState };
}());
