// The public alert page, /alerts/{id} through the gateway: what GET /api/reunion/alerts/{id} publishes (and nothing
// else), or that the alert is no longer public; and a form that sends a lead with the reader's sign-in token.
// Everything is written as text (never as HTML): the alert's words are the officer's, a lead's are the reader's.
const id = location.pathname.split('/').filter(Boolean).pop();
const api = '/api/reunion/alerts/' + encodeURIComponent(id);
const SEX = {FEMALE: '女 · female', MALE: '男 · male', UNKNOWN: '未知 · unknown'};
const CLOSURE = {
  FOUND: '已结案：人已找到，感谢关注。 · Closed: the person was found. Thank you for looking.',
  FALSE_REPORT: '已结案：这是一条不实信息（辟谣）。 · Closed: this alert was a false report.',
};
const state = {alert: null, shown: null};
window.gongyiAlert = state;  // for the browser test

function field(name) {
  return document.querySelector(`[data-field="${name}"]`);
}

function when(el, instant) {
  el.dateTime = instant;
  el.textContent = new Date(instant).toLocaleString('zh-CN', {timeZone: 'Asia/Shanghai', hour12: false})
      + ' (北京时间 · China time)';
}

function show(section) {
  for (const s of ['loading', 'alert', 'gone', 'lead']) {
    document.getElementById(s).hidden = !section.includes(s);
  }
  state.shown = section.join(' ');
}

function gone(reason) {
  document.getElementById('gone-reason').textContent = reason;
  show(['gone']);
}

function render(a) {
  field('name').textContent = a.name;
  field('age').textContent = a.age;
  field('sex').textContent = SEX[a.sex] ?? a.sex;
  when(field('lostAt'), a.lostAt);
  when(field('publishedAt'), a.publishedAt);
  field('place').textContent = `${a.latitude.toFixed(4)}, ${a.longitude.toFixed(4)}`;
  field('description').textContent = a.description ?? '–';
  const contact = field('contact');
  contact.textContent = a.contact;
  const phone = a.contact.match(/[0-9][0-9 -]{5,}[0-9]/);
  if (phone) {
    contact.href = 'tel:' + phone[0].replace(/[ -]/g, '');
  }
  field('devicesReached').textContent = Number(a.devicesReached).toLocaleString('zh-CN');
  const photo = document.getElementById('photo');
  if (a.photoUrl && /^https?:\/\//.test(a.photoUrl)) {
    photo.src = a.photoUrl;
    photo.hidden = false;
  }
  document.title = `走失 · Missing: ${a.name} · 团圆 Reunion`;
  show(['alert', 'lead']);
}

async function load() {
  let r;
  try {
    r = await fetch(api, {headers: {accept: 'application/json'}});
  } catch (e) {
    gone('现在无法读取预警，请稍后再试。 · The alert cannot be read now; try again shortly.');
    return;
  }
  if (r.status === 404) {
    gone('预警只在发布后3天内公开；此链接没有可公开的预警。 · Alerts are public for 3 days after they are '
        + 'published; this link has no public alert.');
    return;
  }
  if (!r.ok) {
    gone('现在无法读取预警，请稍后再试。 · The alert cannot be read now; try again shortly.');
    return;
  }
  const a = await r.json();
  state.alert = a;
  if (a.status !== 'PUBLISHED') {
    gone(CLOSURE[a.closure] ?? '此预警已结案。 · This alert is closed.');
    return;
  }
  render(a);
}

async function sendLead(event) {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('lead-result');
  const token = form.token.value.trim().replace(/^bearer\s+/i, '');
  const r = await fetch(api + '/leads', {
    method: 'POST',
    headers: {'content-type': 'application/json', authorization: 'Bearer ' + token},
    body: JSON.stringify({text: form.text.value}),
  });
  form.token.value = '';
  if (r.status === 201) {
    result.dataset.state = 'sent';
    result.textContent = '线索已发送，只有办案的公安机关能看到。谢谢！ · Lead sent: only the police of the case read it. '
        + 'Thank you!';
    form.text.value = '';
    return;
  }
  result.dataset.state = 'refused';
  if (r.status === 401) {
    result.textContent = '请先登录：令牌无效或已过期。 · Sign in first: the token is not valid or has expired.';
  } else if (r.status === 403) {
    result.textContent = '这个账号不能发送线索（需要公众用户账号）。 · This account cannot send leads (a public user '
        + 'account can).';
  } else if (r.status === 429) {
    result.textContent = `发送太频繁，请 ${r.headers.get('retry-after') ?? '60'} 秒后再试。 · Too many leads; try again `
        + `in ${r.headers.get('retry-after') ?? '60'} s.`;
  } else {
    let detail = '';
    try {
      detail = (await r.json()).detail ?? '';
    } catch (e) {
      // not a problem document
    }
    result.textContent = `未能发送 (${r.status})。 · Not sent (${r.status}). ${detail}`;
  }
}

document.getElementById('lead-form').addEventListener('submit', sendLead);
load();
