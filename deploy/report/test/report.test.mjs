// The live report in headless Chromium (Debian's package, driven by playwright-core) through the gateway, while the
// demo generator runs: the figures move, the charts are drawn, the page fits a phone, both languages work, the demo's
// settlements buy covers, the page shows the demo's campaign and its lucky bags, and once the platform is still, every
// figure on the page (the campaign's counter and pools too) equals what the APIs say.
// Screenshots go to SCREENSHOT_DIR.
// Environment: GATEWAY_URL (default http://127.0.0.1:8080), CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {launchChromium} from './chromium.mjs';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const SOURCES = {
  donations: '/api/donations/totals',
  forest: '/api/forest/totals',
  reunion: '/api/reunion/statistics',
  volunteer: '/api/volunteer/totals',
};
// the demo's health insurance programme (deploy/src/main/java/org/gongyi/deploy/demo/Catalogue.java), by its name
const DEMO_INSURANCE = '顶梁柱';
// the demo's campaign (Demo.CAMPAIGN), defined after its seeding: after this test started
const DEMO_CAMPAIGN = '9.5公益周 Charity Week demo';
// the sponsor of the demo campaign's lucky bags (Demo.SPONSOR)
const DEMO_SPONSOR = 'demo-sponsor';
const started = Date.now();
// the history the page shows by default: the last 24 hours by hour
const HISTORY = {
  donations: '/api/donations/totals/history?by=HOUR',
  forest: '/api/forest/totals/history?by=HOUR',
  alerts: '/api/reunion/statistics/history?by=HOUR',
};

let browser;
before(async () => {
  browser = await launchChromium(shots);
});
after(async () => {
  await browser?.close();
});

async function read(sources) {
  const all = {};
  for (const [name, path] of Object.entries(sources)) {
    const r = await fetch(gateway + path);
    assert.equal(r.status, 200, path);
    all[name] = await r.json();
  }
  return all;
}

/** Every element of a paged list, page by page. */
async function all(path) {
  const rows = [];
  for (let page = 0; ; page++) {
    const one = (await read({rows: `${path}?size=200&page=${page}`})).rows;
    rows.push(...one);
    if (one.length < 200) {
      return rows;
    }
  }
}

/** Every programme. */
async function programmes() {
  return all('/api/donations/programmes');
}

/** What "where the money went" adds up from the programmes; the shops' sales and jobs only when reported. */
function programmeFigures(list) {
  const of = kind => list.filter(p => p.kind === kind);
  const total = (rows, field) => sum(rows.map(p => p[field] ?? 0));
  const reported = field => list.some(p => p[field] != null);
  return {
    householdsCovered: total(of('HEALTH_INSURANCE'), 'helpedCount'),
    coversBought: total(of('HEALTH_INSURANCE'), 'benefitCount'),
    claimCount: total(list, 'claimCount'),
    claimsPaidFen: total(list, 'claimsPaidFen'),
    mothersHelped: total(of('MOTHERS_BUSINESS'), 'helpedCount'),
    grants: total(of('MOTHERS_BUSINESS'), 'benefitCount'),
    shopSalesFen: reported('shopSalesFen') ? total(list, 'shopSalesFen') : null,
    jobCount: reported('jobCount') ? total(list, 'jobCount') : null,
  };
}

/** What the APIs say, with the counter and the lucky-bag pools of the campaign {@code campaignId} when given. */
async function apis(campaignId) {
  const list = await programmes();
  return {...await read(SOURCES), programmes: programmeFigures(list), programmeList: list,
    history: await read(HISTORY),
    ...campaignId && await read({campaign: '/api/volunteer/campaigns/' + campaignId,
      luckyBags: '/api/donations/lucky-bag-pools?campaign=' + campaignId})};
}

/** The campaign's pools of lucky bags on the page: their figures, and the texts shown. */
async function luckyBagPools(page) {
  return page.evaluate(() => [...document.querySelectorAll('#lucky-bag-pools [data-pool]')].map(el => ({
    id: el.dataset.pool, openedBags: Number(el.dataset.openedBags), bags: Number(el.dataset.bags),
    openedFen: Number(el.dataset.openedFen), bagsLeft: Number(el.dataset.bagsLeft), commitment: el.dataset.commitment,
    texts: [...el.querySelectorAll('.value')].map(v => v.textContent),
  })));
}

/** The campaign's systems on the page: name, participations, participants. */
async function campaignSystems(page) {
  return page.evaluate(() => [...document.querySelectorAll('#campaign-systems [data-system]')]
      .map(el => [el.dataset.system, Number(el.dataset.participations), Number(el.dataset.participants)]));
}

/** What each history chart draws: its datasets' labels and values. */
async function historyCharts(page) {
  return page.evaluate(() => Object.fromEntries(['chart-donated', 'chart-energy', 'chart-trees', 'chart-alerts']
      .map(id => [id, Chart.getChart(document.getElementById(id)).data])
      .map(([id, data]) => [id, {labels: data.labels.length,
        datasets: data.datasets.map(d => ({label: d.label, data: [...d.data]}))}])));
}

const sum = values => values.reduce((a, b) => a + b, 0);

function at(obj, dotted) {
  const v = dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
  return v === undefined || v === null ? '' : String(v);
}

/** The page's figures ({"donations.netFen": "123", …}) right after its next refresh. */
async function figuresAfterRefresh(page) {
  const seen = Number(await page.evaluate(() => document.body.dataset.refreshes || 0));
  await page.waitForFunction(n => Number(document.body.dataset.refreshes || 0) > n, seen, {timeout: 15_000});
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-figure]')]
      .map(el => [el.dataset.figure, el.dataset.value])));
}

async function sleep(ms) {
  await new Promise(resolve => setTimeout(resolve, ms));
}

test('the report on a phone moves with the demo and then shows exactly what the APIs say', async () => {
  const page = await browser.newPage({viewport: {width: 390, height: 844}, deviceScaleFactor: 2, locale: 'zh-CN',
    isMobile: true, hasTouch: true});
  const problems = [];
  page.on('pageerror', e => problems.push(String(e)));
  page.on('response', r => { if (r.status() >= 400) problems.push(r.status() + ' ' + r.url()); });
  await page.goto(gateway + '/report/?every=1000', {waitUntil: 'load'});
  assert.equal(await page.textContent('h1'), '公益实时报告', 'Chinese for a Chinese browser');

  // moving: the money donated changes while the generator runs
  const first = (await figuresAfterRefresh(page))['donations.netFen'];
  let moved = false;
  for (let i = 0; i < 90 && !moved; i++) {
    moved = (await figuresAfterRefresh(page))['donations.netFen'] !== first;
  }
  assert.ok(moved, 'the money donated never changed on the page (stayed ' + first + ')');
  await page.screenshot({path: shots + '/report-phone-live-zh.png', fullPage: true});

  // the charts are drawn by Chart.js, the province bar has a bar per province the API lists
  const charts = await page.evaluate(() => [...document.querySelectorAll('canvas')].map(c => {
    const chart = Chart.getChart(c);
    return {id: c.id, drawn: !!chart && c.width > 0 && c.height > 0, labels: chart ? chart.data.labels.length : 0};
  }));
  assert.deepEqual(charts.map(c => c.id), ['chart-provinces', 'chart-donated', 'chart-energy', 'chart-trees',
    'chart-alerts']);
  assert.ok(charts.every(c => c.drawn), JSON.stringify(charts));

  // the demo settles halfway and at its end: its insurance programme's payouts buy covers
  let demoCovers;
  for (const deadline = Date.now() + 180_000; !demoCovers && Date.now() < deadline;) {
    demoCovers = (await programmes()).find(p => p.name.startsWith(DEMO_INSURANCE) && p.benefitCount > 0);
    if (!demoCovers) {
      await sleep(1000);
    }
  }
  assert.ok(demoCovers, 'the demo\'s insurance programme bought no covers in three minutes');

  // the demo's campaign, defined before its traffic: the page shows it (the latest running, or the latest)
  let campaign;
  for (const deadline = Date.now() + 180_000; !campaign && Date.now() < deadline;) {
    campaign = (await all('/api/volunteer/campaigns'))
        .find(c => c.name.startsWith(DEMO_CAMPAIGN) && Date.parse(c.createdAt) >= started);
    if (!campaign) {
      await sleep(1000);
    }
  }
  assert.ok(campaign, 'the demo defined no campaign in three minutes');
  await page.waitForFunction(id => {
    const section = document.getElementById('campaign');
    return !section.hidden && section.dataset.campaignId === id;
  }, campaign.id, {timeout: 30_000});
  assert.equal(await page.textContent('#campaign-name'), campaign.name);

  // still: when two readings of the APIs around one refresh of the page agree, the page shows exactly them
  let last = '';
  let matched = false;
  for (let i = 0; i < 60 && !matched; i++) {
    const before = await apis(campaign.id);
    const shown = await figuresAfterRefresh(page);
    const afterwards = await apis(campaign.id);
    if (JSON.stringify(before) !== JSON.stringify(afterwards)) {
      await sleep(1000);
      continue;  // the platform is still taking events in
    }
    // the history charts draw what the services kept: every bucket of the last 24 hours, as the APIs give them
    assert.deepEqual(await page.evaluate(() => window.gongyiReport.history), before.history);
    const drawn = await historyCharts(page);
    const h = before.history;
    assert.equal(h.donations.points.length, 24);
    assert.deepEqual(drawn['chart-donated'].datasets[0].data, h.donations.points.map(p => p.donatedFen / 100));
    assert.deepEqual(drawn['chart-energy'].datasets[0].data, h.forest.points.map(p => p.energyCreditedGrams / 1000));
    assert.deepEqual(h.forest.points.map((p, i) => sum(drawn['chart-trees'].datasets.map(d => d.data[i]))),
        h.forest.points.map(p => p.trees));
    assert.deepEqual(drawn['chart-alerts'].datasets.map(d => d.data),
        [h.alerts.points.map(p => p.published), h.alerts.points.map(p => p.found)]);
    for (const chart of Object.values(drawn)) {
      assert.equal(chart.labels, 24, 'a bar per hour');
    }
    // and what the demo just did is in them: money, energy, trees, an alert published and found
    assert.ok(sum(drawn['chart-donated'].datasets[0].data) > 0, 'no money donated in the history');
    assert.ok(sum(drawn['chart-energy'].datasets[0].data) > 0, 'no energy in the history');
    assert.ok(sum(h.forest.points.map(p => p.trees)) > 0, 'no trees in the history');
    assert.ok(sum(h.alerts.points.map(p => p.published)) > 0 && sum(h.alerts.points.map(p => p.found)) > 0,
        'no alert published and found in the history');
    // where the money went: the programmes' figures, with the covers the demo bought; the shops' sales and jobs
    // shown once the API reports them
    const money = before.programmes;
    assert.ok(money.coversBought >= demoCovers.benefitCount && money.householdsCovered >= demoCovers.helpedCount
        && money.householdsCovered > 0, JSON.stringify(money));
    assert.ok(Number(shown['programmes.coversBought']) > 0, 'no covers on the page');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[data-when-present]')]
        .map(el => [el.querySelector('[data-figure]').dataset.figure, !el.hidden])),
    [['programmes.shopSalesFen', money.shopSalesFen !== null], ['programmes.jobCount', money.jobCount !== null]]);
    // the demo's campaign: its counter moved by the demo in every system (the reunion's leads only while the child is
    // searched for after the campaign's start: few or none in a 20 s run), the page's figures, bar and systems the
    // API's, a system not yet counted shown with 0
    const counter = before.campaign;
    assert.equal(await page.getAttribute('#campaign', 'data-campaign-id'), campaign.id);
    assert.ok(counter.participations > 0, 'the demo\'s campaign counted nothing: ' + JSON.stringify(counter));
    assert.equal(shown['campaign.participations'], String(counter.participations));
    assert.equal(shown['campaign.participants'], String(counter.participants));
    assert.equal(await page.getAttribute('#campaign-progress', 'aria-valuenow'),
        String(Math.min(100, Number(counter.progressPercent))));
    const systems = await campaignSystems(page);
    assert.deepEqual(systems, ['DONATION', 'FOREST', 'REUNION', 'VOLUNTEER'].map(name => {
      const tally = counter.systems.find(s => s.name === name) ?? {participations: 0, participants: 0};
      return [name, tally.participations, tally.participants];
    }));
    assert.ok(systems.every(([name, participations]) => participations > 0 || name === 'REUNION'),
        JSON.stringify(systems));
    // its lucky bags: the demo's sponsor's pool, tried by those taking part; each pool the API lists shown with its
    // bags opened of its bags, the amount they donated, the bags left and its commitment's first 12 digits
    const pools = before.luckyBags;
    assert.ok(pools.some(p => p.sponsorId === DEMO_SPONSOR), 'the demo funded no lucky bags: ' + JSON.stringify(pools));
    assert.equal(await page.isHidden('#lucky-bags'), false, 'the lucky bags are not shown');
    const zh = (value, digits = 0) => value.toLocaleString('zh-CN',
        {minimumFractionDigits: digits, maximumFractionDigits: digits});
    assert.deepEqual(await luckyBagPools(page), pools.map(p => ({
      id: p.id, openedBags: p.openedBags, bags: p.bags, openedFen: p.openedFen, bagsLeft: p.bagsLeft,
      commitment: p.commitment,
      texts: [zh(p.openedBags) + ' / ' + zh(p.bags), zh(p.openedFen / 100, 2), zh(p.bagsLeft),
        p.commitment.slice(0, 12) + '…'],
    })));
    assert.ok(pools.every(p => p.openedBags + p.bagsLeft === p.bags), JSON.stringify(pools));
    const wrong = Object.entries(shown).filter(([figure, value]) => {
      const [source, ...rest] = figure.split('.');
      return at(before[source], rest.join('.')) !== value;
    });
    last = JSON.stringify(wrong);
    assert.equal(wrong.length, 0, 'figures the page shows differently from the APIs: ' + last);
    const provinces = charts.find(c => c.id === 'chart-provinces');
    const bars = await page.evaluate(() => Chart.getChart(document.getElementById('chart-provinces')).data.labels.length);
    assert.equal(bars, before.donations.provinces.length, 'a bar per province');
    assert.ok(provinces.labels > 0);
    matched = true;
  }
  assert.ok(matched, 'the platform never stood still for one refresh of the page');
  assert.ok(Number(at((await apis()).forest, 'trees')) > 0, 'the demo planted trees');

  // readable on a phone: nothing wider than the screen
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], 'the page is wider than the phone: ' + widths);
  await page.screenshot({path: shots + '/report-phone-zh.png', fullPage: true});

  // English at a touch, figures formatted for it
  await page.click('#lang');
  assert.equal(await page.textContent('h1'), 'Live public-welfare report');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const net = Number(await page.getAttribute('[data-figure="donations.netFen"]', 'data-value'));
  assert.equal(await page.textContent('[data-figure="donations.netFen"]'),
      (net / 100).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2}));
  assert.equal(await page.textContent('#h-programmes'), 'Where the money went');
  assert.equal(await page.textContent('#h-campaign'), 'Campaign');
  assert.equal(await page.textContent('#campaign-phase'), 'running');
  assert.equal(await page.textContent('[data-system="DONATION"] .label'), 'Donations');
  assert.equal(await page.textContent('#lucky-bags h3'), 'Lucky bags');
  assert.equal(await page.textContent('[data-i18n="householdsCovered"]'), 'Households covered');
  const claimed = Number(await page.getAttribute('[data-figure="programmes.claimsPaidFen"]', 'data-value'));
  assert.equal(await page.textContent('[data-figure="programmes.claimsPaidFen"]'),
      (claimed / 100).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2}));
  assert.deepEqual(problems, [], 'errors on the page');
  await page.close();
});

test('the report on a desktop, in English', async () => {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}, locale: 'en-US'});
  await page.goto(gateway + '/report/?lang=en', {waitUntil: 'load'});
  await figuresAfterRefresh(page);
  assert.equal(await page.textContent('h1'), 'Live public-welfare report');
  assert.notEqual(await page.textContent('[data-figure="forest.trees"]'), '–');
  // the last 30 days by day, at a choice: a bar per China Standard Time day, the days' money as the API sums it
  await page.selectOption('#window', 'month');
  await page.waitForFunction(() => window.gongyiReport.history.donations?.by === 'DAY', null, {timeout: 15_000});
  await figuresAfterRefresh(page);
  const days = (await read({d: '/api/donations/totals/history?by=DAY'})).d;
  const shown = await page.evaluate(() => window.gongyiReport.history.donations);
  const drawn = await historyCharts(page);
  assert.equal(shown.from, days.from);
  assert.equal(drawn['chart-donated'].labels, days.points.length);
  assert.deepEqual(drawn['chart-donated'].datasets[0].data, shown.points.map(p => p.donatedFen / 100));
  assert.equal(await page.textContent('[data-window]'), 'last 30 days, per day');
  await page.screenshot({path: shots + '/report-desktop-en.png', fullPage: true});
  await page.close();
});
