// The live public-welfare report: reads the services' public figures and their history through the gateway every few
// seconds (?every=<ms>, default 3000) and draws them with Chart.js. Chinese or English (?lang=zh|en, or the button);
// the history of the last hour by minute, the last 24 hours by hour or the last 30 days by day (?window=hour|day|month).
// On top, the campaign (9.5公益周) running now, or else the latest, with its live counter and its sponsors' lucky bags.
'use strict';

const SOURCES = {
  donations: '/api/donations/totals',
  forest: '/api/forest/totals',
  reunion: '/api/reunion/statistics',
  volunteer: '/api/volunteer/totals',
};
// where the payouts went: every beneficiary programme, read in the API's largest pages, its figures summed
const PROGRAMMES = '/api/donations/programmes';
const PROGRAMMES_PAGE = 200;
// the platform's history (the services keep it by the minute), in the buckets of the window shown
const HISTORY = {
  donations: by => '/api/donations/totals/history?by=' + by,
  forest: by => '/api/forest/totals/history?by=' + by,
  alerts: by => '/api/reunion/statistics/history?by=' + by,
};
const WINDOWS = {hour: 'MINUTE', day: 'HOUR', month: 'DAY'};
// the campaigns, latest start first, and a campaign's live counter (/api/volunteer/campaigns/{id})
const CAMPAIGNS = '/api/volunteer/campaigns';
const CAMPAIGNS_PAGE = 200;
// a campaign lasts at most 31 days: one that started longer ago is over
const LONGEST_CAMPAIGN_MS = 31 * 24 * 3600 * 1000;
// a campaign's pools of lucky bags (福包), in the order they are opened
const LUCKY_BAG_POOLS = '/api/donations/lucky-bag-pools?campaign=';
// a pool's commitment (SHA-256 of its secret, 64 hex digits) shown by its first digits
const COMMITMENT_SHOWN = 12;
// the system each action counts in
const ACTION_SYSTEMS = {DONATION: 'DONATION', TREE_PLANTED: 'FOREST', ENERGY_EARNED: 'FOREST', SIGN_UP: 'VOLUNTEER',
  CHECK_IN: 'VOLUNTEER', PLEDGE: 'VOLUNTEER', LEAD: 'REUNION'};

const TEXT = {
  zh: {
    title: '公益实时报告', subtitle: '由平台实时计算，每几秒刷新', campaign: '公益周', participants: '参与人数',
    progress: '目标完成', goal: '目标（参与次数）', phase_upcoming: '即将开始', phase_running: '进行中',
    phase_ended: '已结束', cst: '北京时间', system_DONATION: '捐赠', system_FOREST: '绿色森林',
    system_VOLUNTEER: '志愿服务', system_REUNION: '团圆', byPeople: n => n + ' 人参与',
    luckyBags: '福包', bagsOpened: '已打开 / 福包', openedFen: '已捐出（元）', bagsLeft: '剩余福包',
    commitment: '承诺值',
    donations: '公益宝贝 · 捐赠', netFen: '捐赠金额（元）',
    buyers: '爱心买家', participations: '参与次数', provincesCovered: '覆盖省份', byProvince: '各省捐赠（元）',
    programmes: '善款去向', householdsCovered: '受保障家庭', coversBought: '购买的保障（份）', claimCount: '理赔次数',
    claimsPaidFen: '理赔金额（元）', mothersHelped: '帮助的妈妈', grants: '创业资助（笔）',
    shopSalesFen: '妈妈网店销售额（元）', jobCount: '带动就业（个）',
    donatedHistory: '捐赠金额（元）', forest: '绿色森林', energyKg: '绿色能量（千克）', trees: '种下的树',
    protectedM2: '守护的保护地（m²）', forestUsers: '参与用户', energyHistory: '绿色能量（千克）',
    treesHistory: '各树种种植数量', alertsHistory: '发布的预警与找回的儿童', window_hour: '近1小时 · 每分钟',
    window_day: '近24小时 · 每小时', window_month: '近30天 · 每天', windowLabel: '时间范围',
    reunion: '团圆 · 儿童走失预警', published: '发布预警', found: '已找回',
    recovery: '找回率', open: '寻找中', volunteer: '人人3小时 · 志愿服务', volunteers: '志愿者', organisations: '公益机构',
    hours: '公益时（小时）', activities: '志愿活动', sources: '数据来源：', live: '实时', stale: '部分数据未更新',
    loading: '加载中', yuan: '元', kg: '千克', other: '其他', otherLang: 'EN', htmlLang: 'zh-CN',
  },
  en: {
    title: 'Live public-welfare report', subtitle: 'Computed live by the platform, refreshed every few seconds',
    campaign: 'Campaign', participants: 'People taking part', progress: 'Of the goal',
    goal: 'Goal (participations)', phase_upcoming: 'starts soon', phase_running: 'running', phase_ended: 'ended',
    cst: 'China Standard Time', system_DONATION: 'Donations', system_FOREST: 'Green Forest',
    system_VOLUNTEER: 'Volunteering', system_REUNION: 'Reunion', byPeople: n => 'by ' + n + ' people',
    luckyBags: 'Lucky bags', bagsOpened: 'Opened / bags', openedFen: 'Donated (¥)', bagsLeft: 'Bags left',
    commitment: 'Commitment',
    donations: 'Charity Treasure · donations', netFen: 'Money donated (¥)', buyers: 'Buyers who gave',
    participations: 'Participations', provincesCovered: 'Provinces covered', byProvince: 'Donated by province (¥)',
    donatedHistory: 'Money donated (¥)', programmes: 'Where the money went', householdsCovered: 'Households covered',
    coversBought: 'Covers bought', claimCount: 'Claims paid', claimsPaidFen: 'Claims paid (¥)',
    mothersHelped: 'Mothers helped', grants: 'Grants', shopSalesFen: 'Shops\' sales (¥)', jobCount: 'Jobs',
    forest: 'Green Forest',
    energyKg: 'Green energy (kg)', trees: 'Trees planted', protectedM2: 'Protected land (m²)', forestUsers: 'People taking part',
    energyHistory: 'Green energy (kg)', treesHistory: 'Trees planted, by species',
    alertsHistory: 'Alerts published and children found', window_hour: 'last hour, per minute',
    window_day: 'last 24 hours, per hour', window_month: 'last 30 days, per day', windowLabel: 'Period',
    reunion: 'Reunion · missing-child alerts', published: 'Alerts published', found: 'Children found',
    recovery: 'Recovery rate', open: 'Still searching', volunteer: '3 Hours · volunteering', volunteers: 'Volunteers',
    organisations: 'Organisations', hours: 'Welfare hours', activities: 'Activities', sources: 'Sources: ',
    live: 'live', stale: 'some figures are stale', loading: 'loading', yuan: '¥', kg: 'kg', other: 'other',
    otherLang: '中文', htmlLang: 'en',
  },
};

// The platform's province names (pinyin) in Chinese.
const PROVINCE_ZH = {
  Anhui: '安徽', Beijing: '北京', Chongqing: '重庆', Fujian: '福建', Gansu: '甘肃', Guangdong: '广东', Guangxi: '广西',
  Guizhou: '贵州', Hainan: '海南', Hebei: '河北', Heilongjiang: '黑龙江', Henan: '河南', 'Hong Kong': '香港',
  Hubei: '湖北', Hunan: '湖南', 'Inner Mongolia': '内蒙古', Jiangsu: '江苏', Jiangxi: '江西', Jilin: '吉林',
  Liaoning: '辽宁', Macau: '澳门', Ningxia: '宁夏', Qinghai: '青海', Shaanxi: '陕西', Shandong: '山东', Shanghai: '上海',
  Shanxi: '山西', Sichuan: '四川', Taiwan: '台湾', Tianjin: '天津', Tibet: '西藏', Xinjiang: '新疆', Yunnan: '云南',
  Zhejiang: '浙江',
};
const SPECIES_COLOURS = ['#1a9f5c', '#e0a030', '#3b7dd8', '#c0504d', '#8e5bb5', '#2bb3b1', '#7a8b2a'];

const params = new URLSearchParams(location.search);
const every = Math.max(500, Number(params.get('every')) || 3000);
let windowName = Object.keys(WINDOWS).includes(params.get('window')) ? params.get('window') : 'day';
let lang = ['zh', 'en'].includes(params.get('lang')) ? params.get('lang')
    : (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';

const state = {latest: {}, history: {}, species: {}, refreshes: 0};
window.gongyiReport = state;  // for the browser test and the curious
const charts = {};

function t(key) {
  return TEXT[lang][key] ?? key;
}

function path(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function format(value, kind) {
  if (value === null || value === undefined) {
    return '–';
  }
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  switch (kind) {
    case 'yuan':
      return (value / 100).toLocaleString(locale, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    case 'kg':
      return (value / 1000).toLocaleString(locale, {maximumFractionDigits: 1});
    case 'percent':
      return Number(value).toLocaleString(locale, {maximumFractionDigits: 1}) + '%';
    case 'decimal':
      return Number(value).toLocaleString(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    default:
      return Number(value).toLocaleString(locale);
  }
}

function speciesName(code) {
  const s = state.species[code];
  return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : code;
}

function applyLanguage() {
  document.documentElement.lang = t('htmlLang');
  document.title = t('title') + ' · Gongyi';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = t('otherLang');
  const select = document.getElementById('window');
  select.setAttribute('aria-label', t('windowLabel'));
  for (const option of select.options) {
    option.textContent = t('window_' + option.value);
  }
  select.value = windowName;
  document.querySelectorAll('[data-window]').forEach(el => { el.textContent = t('window_' + windowName); });
  render();
}

async function fetchJson(url) {
  const r = await fetch(url, {headers: {Accept: 'application/json'}, cache: 'no-store'});
  if (!r.ok) {
    throw new Error(url + ' answered ' + r.status);
  }
  return r.json();
}

/** Every programme, oldest first. */
async function fetchProgrammes() {
  const all = [];
  for (let page = 0; ; page++) {
    const rows = await fetchJson(PROGRAMMES + '?size=' + PROGRAMMES_PAGE + '&page=' + page);
    all.push(...rows);
    if (rows.length < PROGRAMMES_PAGE) {
      return all;
    }
  }
}

/**
 * The programmes' figures: insurance's households and covers, mothers' businesses' mothers and grants, the claims
 * paid; the shops' sales and jobs only when a programme reports them (one that does not counts 0).
 */
function programmeFigures(programmes) {
  const sum = (field, kind) => programmes.filter(p => !kind || p.kind === kind)
      .reduce((total, p) => total + (p[field] ?? 0), 0);
  const reported = field => programmes.some(p => p[field] !== undefined && p[field] !== null);
  return {
    householdsCovered: sum('helpedCount', 'HEALTH_INSURANCE'),
    coversBought: sum('benefitCount', 'HEALTH_INSURANCE'),
    claimCount: sum('claimCount'),
    claimsPaidFen: sum('claimsPaidFen'),
    mothersHelped: sum('helpedCount', 'MOTHERS_BUSINESS'),
    grants: sum('benefitCount', 'MOTHERS_BUSINESS'),
    shopSalesFen: reported('shopSalesFen') ? sum('shopSalesFen') : null,
    jobCount: reported('jobCount') ? sum('jobCount') : null,
  };
}

/**
 * The campaign to show, with its counter: the latest (by start) running now, else the latest; null when there is none.
 * The list is read until its campaigns started longer ago than a campaign lasts.
 */
async function fetchCampaign() {
  const now = Date.now();
  let shown = null;
  for (let page = 0; ; page++) {
    const rows = await fetchJson(CAMPAIGNS + '?size=' + CAMPAIGNS_PAGE + '&page=' + page);
    shown ??= rows[0] ?? null;
    const running = rows.find(c => Date.parse(c.startsAt) <= now && now < Date.parse(c.endsAt));
    if (running) {
      shown = running;
      break;
    }
    if (rows.length < CAMPAIGNS_PAGE || rows.some(c => Date.parse(c.startsAt) < now - LONGEST_CAMPAIGN_MS)) {
      break;
    }
  }
  return shown && fetchJson(CAMPAIGNS + '/' + encodeURIComponent(shown.id));
}

async function refresh() {
  const shownWindow = windowName;
  const by = WINDOWS[shownWindow];
  // the campaign shown, read once: its counter, and its pools of lucky bags (none without a campaign)
  let campaign;
  const shownCampaign = () => (campaign ??= fetchCampaign());
  const reads = [...Object.entries(SOURCES).map(([name, url]) => ['latest', name, () => fetchJson(url)]),
    ['latest', 'programmes', () => fetchProgrammes().then(programmeFigures)],
    ['latest', 'campaign', shownCampaign],
    ['latest', 'luckyBags', () => shownCampaign().then(c => (c
        ? fetchJson(LUCKY_BAG_POOLS + encodeURIComponent(c.campaign.id)).then(pools => ({campaignId: c.campaign.id, pools}))
        : null))],
    ...Object.entries(HISTORY).map(([name, url]) => ['history', name, () => fetchJson(url(by))])];
  const answers = await Promise.allSettled(reads.map(([, , read]) => read()));
  let stale = false;
  answers.forEach((a, i) => {
    const [kind, name] = reads[i];
    if (a.status === 'fulfilled') {
      if (kind === 'latest' || shownWindow === windowName) {  // not a window the reader has just left
        state[kind][name] = a.value;
      }
    } else {
      stale = true;
    }
  });
  state.refreshes++;
  const status = document.getElementById('status');
  status.dataset.state = stale ? 'stale' : 'live';
  document.getElementById('status-text').textContent =
      (stale ? t('stale') : t('live')) + ' · ' + new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  render();
  document.body.dataset.refreshes = String(state.refreshes);
}

function render() {
  document.querySelectorAll('[data-figure]').forEach(el => {
    const [source, ...rest] = el.dataset.figure.split('.');
    const value = path(state.latest[source], rest.join('.'));
    const before = el.dataset.value;
    el.dataset.value = value === undefined || value === null ? '' : String(value);
    el.textContent = format(value, el.dataset.format);
    el.classList.toggle('changed', before !== undefined && before !== el.dataset.value);
  });
  // a figure marked data-when-present (the shops' sales, jobs) shows once the API reports it
  document.querySelectorAll('[data-when-present]').forEach(el => {
    el.hidden = el.querySelector('[data-figure]').dataset.value === '';
  });
  renderCampaign();
  if (typeof Chart === 'undefined') {
    return;
  }
  drawProvinces();
  drawHistory();
}

/** A China Standard Time date-time of the API (2026-09-05T00:00:00) as 2026-09-05 00:00, seconds only when set. */
function localTime(text) {
  return text.replace('T', ' ').replace(/:00(\.0+)?$/, '');
}

/** The campaign's name, phase and window, its progress to the goal and its figures per system; hidden when none. */
function renderCampaign() {
  const section = document.getElementById('campaign');
  const counter = state.latest.campaign;
  section.hidden = !counter;
  if (!counter) {
    return;
  }
  const c = counter.campaign;
  section.dataset.campaignId = c.id;
  const now = Date.now();
  const phase = now < Date.parse(c.startsAt) ? 'upcoming' : now < Date.parse(c.endsAt) ? 'running' : 'ended';
  document.getElementById('campaign-name').textContent = c.name;
  const badge = document.getElementById('campaign-phase');
  badge.dataset.phase = phase;
  badge.textContent = t('phase_' + phase);
  document.getElementById('campaign-window').textContent =
      localTime(c.start) + ' – ' + localTime(c.end) + ' (' + t('cst') + ')';
  const percent = Math.min(100, Number(counter.progressPercent));
  const bar = document.getElementById('campaign-progress');
  bar.setAttribute('aria-valuenow', String(percent));
  bar.firstElementChild.style.width = percent + '%';
  // the systems of its actions (0 until their first participation), and any other the counter names, in the
  // counter's order (by name)
  const systems = [...new Set([...c.actions.map(a => ACTION_SYSTEMS[a]).filter(Boolean),
    ...counter.systems.map(s => s.name)])].sort();
  document.getElementById('campaign-systems').replaceChildren(...systems.map(name => {
    const tally = counter.systems.find(s => s.name === name) ?? {participations: 0, participants: 0};
    const box = document.createElement('div');
    box.className = 'figure';
    box.dataset.system = name;
    box.dataset.participations = String(tally.participations);
    box.dataset.participants = String(tally.participants);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = t('system_' + name);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = format(tally.participations);
    const people = document.createElement('span');
    people.className = 'people';
    people.textContent = t('byPeople')(format(tally.participants));
    box.append(label, value, people);
    return box;
  }));
  renderLuckyBags(c.id);
}

/**
 * The campaign's pools of lucky bags: each one's name and sponsor, bags opened of its bags, the amount they donated,
 * the bags left and its commitment, shortened; hidden while the campaign has none (or they were read for another).
 */
function renderLuckyBags(campaignId) {
  const read = state.latest.luckyBags;
  const pools = read && read.campaignId === campaignId ? read.pools : [];
  const box = document.getElementById('lucky-bags');
  box.hidden = pools.length === 0;
  document.getElementById('lucky-bags-source').href = LUCKY_BAG_POOLS + encodeURIComponent(campaignId);
  const figure = (labelKey, text) => {
    const f = document.createElement('div');
    f.className = 'figure';
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = t(labelKey);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = text;
    f.append(label, value);
    return f;
  };
  document.getElementById('lucky-bag-pools').replaceChildren(...pools.map(p => {
    const pool = document.createElement('div');
    pool.className = 'pool';
    pool.dataset.pool = p.id;
    pool.dataset.openedBags = String(p.openedBags);
    pool.dataset.bags = String(p.bags);
    pool.dataset.openedFen = String(p.openedFen);
    pool.dataset.bagsLeft = String(p.bagsLeft);
    pool.dataset.commitment = p.commitment;
    const name = document.createElement('div');
    name.className = 'pool-name';
    name.textContent = p.name + ' · ' + p.sponsorId;
    const figures = document.createElement('div');
    figures.className = 'figures';
    const commitment = figure('commitment', p.commitment.slice(0, COMMITMENT_SHOWN) + '…');
    commitment.classList.add('commitment');
    commitment.title = p.commitment;
    figures.append(
        figure('bagsOpened', format(p.openedBags) + ' / ' + format(p.bags)),
        figure('openedFen', format(p.openedFen, 'yuan')),
        figure('bagsLeft', format(p.bagsLeft)),
        commitment);
    pool.append(name, figures);
    return pool;
  }));
}

function drawProvinces() {
  const d = state.latest.donations;
  if (!d) {
    return;
  }
  const rows = [...(d.provinces || [])].sort((a, b) => b.donatedFen - a.donatedFen);
  const labels = rows.map(r => (lang === 'zh' ? PROVINCE_ZH[r.province] || r.province : r.province));
  const values = rows.map(r => r.donatedFen / 100);
  // a readable bar per province, however many there are
  const box = document.getElementById('chart-provinces').parentElement;
  const height = Math.max(224, 14 * rows.length + 40) + 'px';
  if (box.style.height !== height) {
    box.style.height = height;
    charts.provinces?.resize();
  }
  if (!charts.provinces) {
    charts.provinces = new Chart(document.getElementById('chart-provinces'), {
      type: 'bar',
      data: {labels, datasets: [{label: t('yuan'), data: values, backgroundColor: '#1a9f5c'}]},
      options: {indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: {legend: {display: false}},
        scales: {y: {ticks: {autoSkip: false, font: {size: 10}}}}},
    });
  } else {
    charts.provinces.data.labels = labels;
    charts.provinces.data.datasets[0].data = values;
    charts.provinces.data.datasets[0].label = t('yuan');
    charts.provinces.update('none');
  }
}

/** A bucket's start as the platform counts time (China Standard Time): hours and minutes, or the day. */
function bucketLabels(history) {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const options = history.by === 'DAY' ? {timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit'}
      : {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false};
  return history.points.map(p => new Date(p.at).toLocaleString(locale, options));
}

/** Bars per bucket; {@code stacked}: one bar of the datasets' parts (trees by species), else side by side. */
function bars(id, labels, datasets, stacked = true) {
  const legend = {display: datasets.length > 1, position: 'bottom', labels: {boxWidth: 12, font: {size: 11}}};
  if (!charts[id]) {
    charts[id] = new Chart(document.getElementById(id), {
      type: 'bar',
      data: {labels, datasets},
      options: {maintainAspectRatio: false, animation: false, plugins: {legend},
        scales: {x: {stacked, ticks: {maxTicksLimit: 8}}, y: {stacked, beginAtZero: true}}},
    });
  } else {
    charts[id].data.labels = labels;
    charts[id].data.datasets = datasets;
    charts[id].options.plugins.legend = legend;
    charts[id].update('none');
  }
}

function drawHistory() {
  const {donations, forest, alerts} = state.history;
  if (donations) {
    bars('chart-donated', bucketLabels(donations), [{label: t('yuan'),
      data: donations.points.map(p => p.donatedFen / 100), backgroundColor: '#1a9f5c'}]);
  }
  if (forest) {
    const labels = bucketLabels(forest);
    bars('chart-energy', labels, [{label: t('kg'), data: forest.points.map(p => p.energyCreditedGrams / 1000),
      backgroundColor: '#3b7dd8'}]);
    const codes = [...new Set(forest.points.flatMap(p => Object.keys(p.treesBySpecies)))].sort();
    bars('chart-trees', labels, codes.length === 0
        ? [{label: t('trees'), data: forest.points.map(p => p.trees), backgroundColor: SPECIES_COLOURS[0]}]
        : codes.map((code, i) => ({label: speciesName(code), data: forest.points.map(p => p.treesBySpecies[code] || 0),
          backgroundColor: SPECIES_COLOURS[i % SPECIES_COLOURS.length]})));
  }
  if (alerts) {
    bars('chart-alerts', bucketLabels(alerts), [
      {label: t('published'), data: alerts.points.map(p => p.published), backgroundColor: '#e0a030'},
      {label: t('found'), data: alerts.points.map(p => p.found), backgroundColor: '#1a9f5c'}], false);
  }
}

async function loadSpecies() {
  try {
    for (const s of await fetchJson('/api/forest/species')) {
      state.species[s.code] = s;
    }
  } catch (e) {
    // names fall back to the species codes
  }
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
});

document.getElementById('window').addEventListener('change', e => {
  windowName = e.target.value;
  state.history = {};
  applyLanguage();
  refresh().catch(() => { document.getElementById('status').dataset.state = 'stale'; });
});

(async function start() {
  applyLanguage();
  await loadSpecies();
  for (;;) {
    try {
      await refresh();
    } catch (e) {
      document.getElementById('status').dataset.state = 'stale';
    }
    await new Promise(resolve => setTimeout(resolve, every));
  }
})();
