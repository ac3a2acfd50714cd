// The Dx0 physician UI: sign in, work a case over the diagnostic WebSocket, watch the spend.
// Plain browser JavaScript, served by the host itself (no CDN, no build step).
(() => {
  'use strict';

  const api = '/api/v1';
  const $ = (id) => document.getElementById(id);
  const money = (n) => '$' + Number(n).toLocaleString('en-US', { maximumFractionDigits: 2 });
  const store = window.sessionStorage;

  const state = {
    access: store.getItem('dx0.access'),
    refresh: store.getItem('dx0.refresh'),
    user: store.getItem('dx0.user'),
    group: store.getItem('dx0.group'),
    socket: null,
    tests: [],
    status: null,
    pending: null,
    steps: [],
  };

  function saveTokens(body, user) {
    state.access = body.access_token;
    state.refresh = body.refresh_token;
    if (user) { state.user = user; }
    if (body.group) { state.group = body.group; }
    store.setItem('dx0.access', state.access);
    store.setItem('dx0.refresh', state.refresh);
    store.setItem('dx0.user', state.user || '');
    store.setItem('dx0.group', state.group || '');
  }

  function forget() {
    for (const key of ['dx0.access', 'dx0.refresh', 'dx0.user', 'dx0.group']) { store.removeItem(key); }
    Object.assign(state, { access: null, refresh: null, user: null, group: null, status: null, steps: [] });
    if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
  }

  async function call(method, path, body, retry = true) {
    const headers = { 'Content-Type': 'application/json' };
    if (state.access) { headers.Authorization = 'Bearer ' + state.access; }
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && retry && state.refresh && path !== '/refresh' && path !== '/login') {
      if (await refreshTokens()) { return call(method, path, body, false); }
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: response.status, body: json };
  }

  async function refreshTokens() {
    const { status, body } = await call('POST', '/refresh', { refresh_token: state.refresh }, false);
    if (status === 200) { saveTokens(body); return true; }
    forget();
    showLogin('Your session has ended; sign in again.');
    return false;
  }

  // ---- views -------------------------------------------------------------------------------

  function showLogin(message) {
    $('login-view').hidden = false;
    $('case-view').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
    const error = $('login-error');
    error.hidden = !message;
    error.textContent = message || '';
  }

  async function showCase() {
    $('login-view').hidden = true;
    $('case-view').hidden = false;
    $('logout').hidden = false;
    $('who').textContent = state.user ? `${state.user} (${state.group || 'default'})` : '';
    const [status, tests, cases] = await Promise.all([call('GET', '/case'), call('GET', '/tests'), call('GET', '/cases')]);
    if (status.status !== 200) { return; }
    state.tests = tests.status === 200 ? tests.body.prices : [];
    if (cases.status === 200) {
      const select = $('case-select');
      select.replaceChildren(...cases.body.cases.map((c) => {
        const option = document.createElement('option');
        option.value = c.id;
        option.textContent = `${c.id} — ${c.summary} (${c.difficulty})`;
        return option;
      }));
    }
    renderStatus(status.body, true);
    connect();
  }

  function renderStatus(status, replayLog) {
    state.status = status;
    $('case-summary').textContent = status.summary;
    $('case-select').value = status.case_id;
    $('budget-input').value = status.budget;
    const started = status.steps.length > 0 || status.ended;
    $('case-picker').hidden = started;
    if (replayLog) {
      $('log').replaceChildren();
      state.steps = [];
      for (const step of status.steps) {
        addEntry('physician', `${label(step.action)}: ${step.content}`);
        addEntry('reply', step.reply);
        state.steps.push({ action: step.action, cost: step.cost, total: step.total_spent });
      }
    }
    renderSpend(status.total_spent, status.budget, status.ordered_tests);
    renderVerdict(status.ended ? status.judgement : null);
    drawChart();
  }

  function label(action) {
    return { question: 'Question', test: 'Test', diagnosis: 'Diagnosis' }[String(action).toLowerCase()] || action;
  }

  function renderSpend(spent, budget, ordered) {
    $('cost-text').textContent = `${money(spent)} of ${money(budget)} spent · ${money(budget - spent)} left`;
    const share = budget > 0 ? Math.min(100, (spent / budget) * 100) : 0;
    const fill = $('budget-fill');
    fill.style.width = share.toFixed(1) + '%';
    fill.classList.toggle('warn', share >= 75);
    const bar = $('budget-bar');
    bar.setAttribute('aria-valuemax', String(budget));
    bar.setAttribute('aria-valuenow', String(spent));
    $('ordered-tests').replaceChildren(...(ordered || []).map((name) => {
      const item = document.createElement('li');
      const price = state.tests.find((t) => t.name === name);
      item.textContent = price ? `${name} — ${money(price.price)}` : name;
      return item;
    }));
  }

  function renderVerdict(judgement) {
    const verdict = $('verdict');
    verdict.hidden = !judgement;
    const ended = Boolean(judgement);
    $('send').disabled = ended;
    $('content').disabled = ended;
    if (!judgement) { return; }
    verdict.classList.toggle('correct', judgement.correct);
    verdict.classList.toggle('incorrect', !judgement.correct);
    $('verdict-text').textContent =
      `${judgement.correct ? 'Correct' : 'Incorrect'} — score ${judgement.score} of 5. ` +
      `You said “${judgement.diagnosis}”; the case diagnosis is ${judgement.case_diagnosis}. ${judgement.rationale}`;
  }

  function drawChart() {
    const svg = $('cost-chart');
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    const steps = state.steps;
    if (steps.length === 0) { return; }
    const width = 300, height = 140, pad = 18;
    const max = Math.max(...steps.map((s) => s.cost), 1);
    const slot = (width - pad * 2) / steps.length;
    steps.forEach((step, i) => {
      const h = ((height - pad * 2) * step.cost) / max;
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(pad + i * slot + slot * 0.15));
      bar.setAttribute('y', String(height - pad - h));
      bar.setAttribute('width', String(Math.max(2, slot * 0.7)));
      bar.setAttribute('height', String(Math.max(h, 1)));
      bar.setAttribute('class', 'bar ' + String(step.action).toLowerCase());
      const title = document.createElementNS(ns, 'title');
      title.textContent = `Step ${i + 1} (${label(step.action)}): ${money(step.cost)}, total ${money(step.total)}`;
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    const axis = document.createElementNS(ns, 'line');
    axis.setAttribute('x1', String(pad));
    axis.setAttribute('x2', String(width - pad));
    axis.setAttribute('y1', String(height - pad));
    axis.setAttribute('y2', String(height - pad));
    axis.setAttribute('class', 'axis');
    svg.appendChild(axis);
    const top = document.createElementNS(ns, 'text');
    top.setAttribute('x', String(pad));
    top.setAttribute('y', '12');
    top.setAttribute('class', 'chart-label');
    top.textContent = `max ${money(max)}`;
    svg.appendChild(top);
  }

  function addEntry(kind, text) {
    const entry = document.createElement('div');
    entry.className = 'entry ' + kind;
    entry.textContent = text;
    $('log').appendChild(entry);
    entry.scrollIntoView({ block: 'nearest' });
    return entry;
  }

  // ---- the socket --------------------------------------------------------------------------

  function connect(chosenBudget) {
    if (state.socket) { return; }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const budget = chosenBudget || $('budget-input').value;
    const started = state.status && (state.status.steps.length > 0 || state.status.ended);
    const query = `token=${encodeURIComponent(state.access)}` + (!started && budget ? `&budget=${encodeURIComponent(budget)}` : '');
    const socket = new WebSocket(`${scheme}//${location.host}${api}/ws?${query}`);
    state.socket = socket;
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    let opened = false;
    socket.onopen = async () => {
      opened = true;
      if (chosenBudget) {
        // The budget applies when the socket opens; show the case as the server now has it.
        const { status, body } = await call('GET', '/case');
        if (status === 200) { renderStatus(body, false); }
      }
    };
    socket.onclose = async (event) => {
      state.socket = null;
      if (state.pending) { state.pending = null; }
      setBusy(false);
      if (!state.refresh) { return; }
      if (!opened) {
        // Refused before it opened: a lapsed token (refreshed and retried once) or a budget the server will not take.
        const { status } = await call('GET', '/case');
        if (status !== 200) { return; }
        if (chosenBudget) {
          addEntry('error', 'The budget was refused: it must be positive and is fixed once the case has started.');
          $('budget-input').value = state.status ? state.status.budget : '';
        }
        if (!chosenBudget && event.code !== 1006) { return; }
        if (!chosenBudget) { setTimeout(() => connect(), 2000); }
        return;
      }
      if (event.code === 1013) {
        addEntry('error', 'Too many messages: wait a minute, then continue.');
        setTimeout(() => connect(), 60000);
      } else if (event.code === 1008 || event.code === 1006) {
        // Expired token or a lost connection: refresh and come back to the same case.
        if (await refreshTokens()) { setTimeout(() => connect(), 500); }
      }
    };
  }

  function onMessage(message) {
    if (message.error) {
      const [code] = message.error.split(':');
      if (code === 'session_ended') { forget(); showLogin('You have been signed out.'); return; }
      if (code !== 'token_expired') { addEntry('error', message.error); }
      state.pending = null;
      setBusy(false);
      return;
    }
    if (!state.pending) { state.pending = addEntry('reply', ''); }
    state.pending.textContent += message.reply;
    if (!message.done) { return; }
    const action = state.lastAction;
    state.pending = null;
    setBusy(false);
    state.steps.push({ action, cost: message.cost, total: message.total_spent });
    const status = state.status;
    status.total_spent = message.total_spent;
    status.ordered_tests = message.ordered_tests;
    status.ended = message.case_ended;
    status.steps.push({ action, cost: message.cost, total_spent: message.total_spent });
    $('case-picker').hidden = true;
    renderSpend(message.total_spent, message.total_spent + message.remaining_budget, message.ordered_tests);
    drawChart();
    if (message.judgement) { renderVerdict(message.judgement); }
  }

  function setBusy(busy) {
    const ended = state.status && state.status.ended;
    $('send').disabled = busy || ended;
  }

  function currentAction() {
    return document.querySelector('input[name="action"]:checked').value;
  }

  // ---- test-name completion with prices ----------------------------------------------------

  function suggest() {
    const list = $('suggestions');
    const text = $('content').value.trim().toLowerCase();
    if (currentAction() !== 'TEST' || text.length < 2) { list.hidden = true; return; }
    const matches = state.tests.filter((t) => t.name.includes(text)).slice(0, 8);
    list.replaceChildren(...matches.map((t) => {
      const item = document.createElement('li');
      item.className = 'suggestion';
      item.setAttribute('role', 'option');
      item.dataset.name = t.name;
      const name = document.createElement('span');
      name.textContent = t.name;
      const price = document.createElement('span');
      price.className = 'price';
      price.textContent = money(t.price);
      item.append(name, price);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        $('content').value = t.name;
        list.hidden = true;
        priceHint();
      });
      return item;
    }));
    list.hidden = matches.length === 0;
  }

  function priceHint() {
    const action = currentAction();
    const hint = $('price-hint');
    if (action === 'QUESTION') {
      hint.textContent = state.status ? `Each question round costs ${money(state.status.visit_fee)}.` : '';
    } else if (action === 'TEST') {
      const test = state.tests.find((t) => t.name === $('content').value.trim().toLowerCase());
      hint.textContent = test ? `${test.name}: ${money(test.price)}${test.cpt_code ? ' (CPT ' + test.cpt_code + ')' : ''}` : 'Type a test name; prices show as you type.';
    } else {
      hint.textContent = 'A diagnosis is free, is judged, and ends the case.';
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    const { status, body } = await call('POST', '/login', { username, password: $('password').value });
    $('password').value = '';
    if (status !== 200) {
      showLogin(body && body.detail ? body.detail : `Sign-in failed (${status}).`);
      return;
    }
    saveTokens(body, username);
    await showCase();
  });

  $('logout').addEventListener('click', async () => {
    if (state.refresh) { await call('POST', '/logout', { refresh_token: state.refresh }, false); }
    forget();
    showLogin('');
  });

  $('case-start').addEventListener('click', async () => {
    const budget = $('budget-input').value;
    const { status, body } = await call('GET', '/case?case=' + encodeURIComponent($('case-select').value));
    if (status !== 200) { addEntry('error', body && body.detail ? body.detail : `Could not change the case (${status}).`); return; }
    if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
    renderStatus(body, true);
    connect(budget);
  });

  $('action-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const content = $('content').value.trim();
    if (!content) { return; }
    if (!state.socket) { connect(); }
    const action = currentAction();
    state.lastAction = action.toLowerCase();
    addEntry('physician', `${label(action)}: ${content}`);
    state.pending = null;
    setBusy(true);
    // A socket still connecting (just after sign-in or a case change) sends as soon as it opens.
    const socket = state.socket;
    const message = JSON.stringify({ action, content });
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(message);
    } else {
      socket.addEventListener('open', () => socket.send(message), { once: true });
    }
    $('content').value = '';
    $('suggestions').hidden = true;
  });

  for (const radio of document.querySelectorAll('input[name="action"]')) {
    radio.addEventListener('change', () => {
      $('content').placeholder = { QUESTION: 'Ask the patient a question…', TEST: 'Test name, e.g. complete blood count', DIAGNOSIS: 'Your final diagnosis' }[currentAction()];
      suggest();
      priceHint();
    });
  }
  $('content').addEventListener('input', () => { suggest(); priceHint(); });
  $('content').addEventListener('blur', () => { $('suggestions').hidden = true; });

  if (state.access) { showCase(); } else { showLogin(''); }
})();
