
// The integration-health dashboard: signs in with a platform admin's own credential (kept for this tab
// only), reads `integrationHealth` from /graphql every few seconds and draws it. Text goes in with
// textContent and charts are built as SVG nodes, so no value is ever parsed as markup.
(() => {
  const REFRESH_MS = 5000;
  const STORAGE_KEY = 'academy.dashboard.credential';
  const QUERY = `query IntegrationHealth { integrationHealth {
    apiGateway { windowSeconds requestRate errorRate responseTime tenantDistribution { tenant requests } history { at requestRate errorRate responseTime } }
    conocerSync { syncStatus lastSyncTime pendingSubmissions errorRate }
    dataPipeline { eventsProcessed processingLatency queueDepth errorRate history { at eventsProcessed processingLatency errorRate } } } }`;
  const SVG = 'http://www.w3.org/2000/svg';
  /** Answers that mean the credential will not do: sign out rather than retry. */
  const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'TENANT_MISMATCH']);
  const $ = (id) => document.getElementById(id);
  let timer = null;

  const format = (value, unit) => {
    if (value === null || value === undefined) return '—';
    if (typeof value !== 'number') return String(value);
    if (unit === '%') return `${(value * 100).toFixed(2)} %`;
    const digits = Number.isInteger(value) ? 0 : value < 10 ? 3 : 1;
    return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
  };

  const node = (name, attributes, text) => {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  };

  /** A line over time; `points` are { at, value }, oldest first. */
  const lineChart = (svg, points) => {
    svg.replaceChildren();
    svg.dataset.points = String(points.length);
    if (points.length === 0) return svg.append(node('text', { x: 150, y: 52, 'text-anchor': 'middle' }, 'no data in the last hour'));
    const max = Math.max(...points.map((p) => p.value)) || 1;
    const times = points.map((p) => Date.parse(p.at));
    const first = Math.min(...times);
    const span = Math.max(1, Math.max(...times) - first);
    const xy = points.map((p, i) => [points.length === 1 ? 150 : 5 + ((times[i] - first) / span) * 290, 90 - (p.value / max) * 80]);
    svg.dataset.max = String(max);
    svg.append(node('text', { x: 4, y: 8 }, format(max)), node('line', { x1: 5, y1: 90, x2: 295, y2: 90, stroke: 'currentColor', 'stroke-opacity': 0.3 }));
    svg.append(node('polyline', { points: xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '), fill: 'none', stroke: '#2f7d4f', 'stroke-width': 1.5 }));
    for (const [x, y] of xy) svg.append(node('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 1.8, fill: '#2f7d4f' }));
  };

  /** Horizontal bars, one per tenant. */
  const barChart = (svg, rows) => {
    svg.replaceChildren();
    svg.dataset.points = String(rows.length);
    if (rows.length === 0) return svg.append(node('text', { x: 150, y: 52, 'text-anchor': 'middle' }, 'no traffic in the window'));
    const max = Math.max(...rows.map((r) => r.requests)) || 1;
    const height = 90 / rows.length;
    rows.forEach((row, i) => {
      const y = 5 + i * height;
      svg.append(node('rect', { x: 120, y: y.toFixed(1), width: ((row.requests / max) * 175).toFixed(1), height: Math.max(1, height - 2).toFixed(1), fill: '#2f7d4f' }));
      const label = node('text', { x: 4, y: (y + height / 2 + 3).toFixed(1) }, `${row.tenant.slice(0, 13)} (${row.requests})`);
      label.append(node('title', {}, row.tenant));
      svg.append(label);
    });
  };

  const render = (health) => {
    for (const dd of document.querySelectorAll('[data-figure]')) {
      const [section, field] = dd.dataset.figure.split('.');
      let value = health[section]?.[field];
      if (field === 'lastSyncTime' && value) value = new Date(value).toLocaleString();
      dd.dataset.value = value === null || value === undefined ? '' : String(health[section][field]);
      dd.textContent = format(value, dd.dataset.unit);
      if (field === 'syncStatus') dd.className = value;
    }
    const { apiGateway, dataPipeline } = health;
    $('gateway-window').textContent = `last ${apiGateway.windowSeconds / 60} minutes`;
    for (const field of ['requestRate', 'errorRate', 'responseTime']) {
      lineChart(document.querySelector(`[data-chart="apiGateway.${field}"]`), apiGateway.history.map((m) => ({ at: m.at, value: m[field] })));
    }
    barChart(document.querySelector('[data-chart="apiGateway.tenantDistribution"]'), apiGateway.tenantDistribution);
    for (const field of ['eventsProcessed', 'processingLatency']) {
      lineChart(document.querySelector(`[data-chart="dataPipeline.${field}"]`), dataPipeline.history.map((m) => ({ at: m.at, value: m[field] })));
    }
  };

  const signedIn = (yes) => {
    $('sign-in').hidden = yes;
    $('sign-out').hidden = !yes;
    if (!yes) $('figures').hidden = true;
  };

  const signOut = (reason) => {
    clearInterval(timer);
    timer = null;
    sessionStorage.removeItem(STORAGE_KEY);
    signedIn(false);
    $('status').textContent = 'Signed out';
    $('refused').hidden = !reason;
    $('refused').textContent = reason ?? '';
  };

  const refresh = async () => {
    const credential = sessionStorage.getItem(STORAGE_KEY);
    if (!credential) return signOut();
    let body;
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({ operationName: 'IntegrationHealth', query: QUERY }),
        credentials: 'omit',
        cache: 'no-store',
      });
      body = await response.json();
    } catch (error) {
      $('status').textContent = `Refresh failed: ${error.message}; retrying`;
      return;
    }
    const code = body.errors?.[0]?.extensions?.code;
    if (REFUSALS.has(code)) {
      return signOut(`Refused (${code}): ${body.errors[0].message}`);
    }
    if (!body.data?.integrationHealth) {
      $('status').textContent = `Refresh failed: ${body.errors?.[0]?.message ?? 'no data'}; retrying`;
      return;
    }
    render(body.data.integrationHealth);
    $('figures').hidden = false;
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes ?? 0) + 1);
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()}${body.errors ? ` (partial: ${body.errors[0].message})` : ''}`;
  };

  const start = () => {
    signedIn(true);
    $('refused').hidden = true;
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
  };

  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(STORAGE_KEY, $('credential').value.trim());
    $('credential').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => signOut());
  if (sessionStorage.getItem(STORAGE_KEY)) start();
})();
