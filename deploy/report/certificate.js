// The certificate check page, /certificates/{number} through the gateway: what the issuing service's public check
// says of a tree certificate (GF-T-…, forest-service) or a 3-hour certificate (GY-3H-…, volunteer-service), and a link
// to the PDF to keep. Everything is written as text (never as HTML): names come from the services' data.
const number = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());

function chinaTime(instant) {
  return new Date(instant).toLocaleString('zh-CN', {timeZone: 'Asia/Shanghai', hour12: false})
      + ' 北京时间 · China time';
}

const KINDS = [
  {
    prefix: 'GF-T-',
    check: '/api/forest/certificates/trees/',
    programme: '蚂蚁森林 · Green Forest',
    title: '植树证书 · Tree Certificate',
    lines: (c) => [
      ['树种 · Species', `${c.speciesName} · ${c.speciesNameEn}`],
      ['项目 · Project', c.projectName],
      ['地区 · Region', c.region],
      ['地块 · Plot', c.plotName],
      ['种下时间 · Planted', chinaTime(c.plantedAt)],
      ['种树人 · Planted by', c.owners === 1 ? '1 人 · 1 person' : `${c.owners} 人合种 · ${c.owners} people, co-planted`],
    ],
  },
  {
    prefix: 'GY-3H-',
    check: '/api/volunteer/certificates/three-hours/',
    programme: '人人3小时 · 3 Hours',
    title: '公益时证书 · Welfare Time Certificate',
    lines: (c) => [
      ['年度 · Year', String(c.year)],
      ['公益时 · Welfare time', `${c.hours} 小时 · ${c.hours} hours`],
      ['达成 · Reached', '每年3小时公益承诺 · the yearly 3-hour pledge'],
      ['服务机构 · Organisations', c.organisations.length ? c.organisations.join('、') : '–'],
      ['颁发时间 · Issued', chinaTime(c.issuedAt)],
    ],
  },
];

const STANDING = {
  VALID: '有效 · Valid',
  WITHDRAWN: '已撤回：支撑它的公益时被撤销，该年度不足3小时；再次达到3小时后同一编号恢复有效。 · Withdrawn: credits '
      + 'behind it were revoked and its year is below 3 hours; the same number is valid again when the year reaches '
      + '3 hours.',
};

const state = {certificate: null, shown: null, lines: []};
window.gongyiCertificate = state;  // for the browser test

function field(name) {
  return document.querySelector(`[data-field="${name}"]`);
}

function show(section) {
  for (const s of ['loading', 'certificate', 'missing']) {
    document.getElementById(s).hidden = s !== section;
  }
  state.shown = section;
}

function missing(reason) {
  document.getElementById('missing-reason').textContent = reason;
  show('missing');
}

function render(kind, c) {
  field('programme').textContent = kind.programme;
  field('title').textContent = kind.title;
  field('certificateNo').textContent = c.certificateNo;
  const standing = c.standing ?? 'VALID';
  const standingEl = field('standing');
  standingEl.dataset.state = standing;
  standingEl.textContent = STANDING[standing] ?? standing;
  const dl = document.getElementById('lines');
  dl.replaceChildren();
  state.lines = kind.lines(c);
  for (const [label, value] of state.lines) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
  if (standing === 'VALID') {
    const download = document.getElementById('download');
    download.href = kind.check + encodeURIComponent(c.certificateNo) + '/pdf';
    download.hidden = false;
  }
  document.title = `${kind.title} ${c.certificateNo}`;
  show('certificate');
}

async function load() {
  const kind = KINDS.find((k) => number.startsWith(k.prefix));
  if (!kind) {
    missing('证书编号以 GF-T-（植树）或 GY-3H-（公益时）开头。 · Certificate numbers begin with GF-T- (trees) or GY-3H- '
        + '(3 Hours).');
    return;
  }
  let r;
  try {
    r = await fetch(kind.check + encodeURIComponent(number), {headers: {accept: 'application/json'}});
  } catch (e) {
    missing('现在无法核验，请稍后再试。 · The certificate cannot be checked now; try again shortly.');
    return;
  }
  if (r.status === 404) {
    missing(`没有证书的编号是 ${number}；请核对编号。 · No certificate has the number ${number}; check the number.`);
    return;
  }
  if (!r.ok) {
    missing('现在无法核验，请稍后再试。 · The certificate cannot be checked now; try again shortly.');
    return;
  }
  state.certificate = await r.json();
  render(kind, state.certificate);
}

load();
