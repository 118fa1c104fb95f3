// A case's public alert page (/alerts/{id}) in headless Chromium (Debian's package, driven by playwright-core) through
// the gateway: it shows exactly what GET /api/reunion/alerts/{id} publishes, on a phone; it sends a lead with a
// reader's sign-in token (and says so when the token is no good); a closed alert and one that is not public (unknown,
// or older than the 3 days the docs promise: the API answers both with 404) show that, and none of the alert's details.
// Run by LocalPlatformIT#theAlertPageShowsWhatTheAlertPublishesInHeadlessChromium, which publishes the cases.
// Environment: GATEWAY_URL (default http://127.0.0.1:8080), CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR;
// OPEN_ALERT and CLOSED_ALERT (case ids), USER_TOKEN (a public user's), POLICE_TOKEN (an officer of the cases' agency),
// AGENCY (the cases' agency). Without OPEN_ALERT the tests are skipped (npm test without a platform).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {PHONE, launchChromium} from './chromium.mjs';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const env = process.env;
const skip = !env.OPEN_ALERT && 'OPEN_ALERT not set: LocalPlatformIT runs this test against a platform';

let browser;
before(async () => {
  if (skip) {
    return;
  }
  browser = await launchChromium(shots);
});
after(async () => {
  await browser?.close();
});

async function api(path, token) {
  const r = await fetch(gateway + path, {headers: token ? {authorization: 'Bearer ' + token} : {}});
  return {status: r.status, body: r.status === 200 ? await r.json() : null};
}

/** The page for an alert, once it has shown what it shows ('alert lead' or 'gone'). */
async function open(id) {
  const page = await browser.newPage(PHONE);
  const response = await page.goto(`${gateway}/alerts/${id}`);
  assert.equal(response.status(), 200);
  await page.waitForFunction(() => window.gongyiAlert?.shown != null);
  return page;
}

const text = (page, name) => page.textContent(`[data-field="${name}"]`);

test('the page shows what the alert publishes, and nothing else', {skip}, async () => {
  const {status, body: alert} = await api(`/api/reunion/alerts/${env.OPEN_ALERT}`);
  assert.equal(status, 200);
  assert.equal(alert.status, 'PUBLISHED');
  const page = await open(env.OPEN_ALERT);
  assert.equal(await page.evaluate(() => window.gongyiAlert.shown), 'alert lead');
  assert.equal(await text(page, 'name'), alert.name);
  assert.equal(await text(page, 'age'), String(alert.age));
  assert.equal(await text(page, 'sex'), {FEMALE: '女 · female', MALE: '男 · male', UNKNOWN: '未知 · unknown'}[alert.sex]);
  assert.equal(await text(page, 'description'), alert.description);
  assert.equal(await text(page, 'contact'), alert.contact);
  assert.equal(await text(page, 'place'), `${alert.latitude.toFixed(4)}, ${alert.longitude.toFixed(4)}`);
  assert.equal(await page.getAttribute('[data-field="lostAt"]', 'datetime'), alert.lostAt);
  assert.equal(await page.getAttribute('[data-field="publishedAt"]', 'datetime'), alert.publishedAt);
  assert.equal(await text(page, 'devicesReached'), alert.devicesReached.toLocaleString('zh-CN'));
  assert.equal(await page.getAttribute('#photo', 'src'), alert.photoUrl);
  // the agency and the officer are not published; neither is anything the case's police see
  const shown = await page.textContent('body');
  assert.ok(!shown.includes(env.AGENCY), 'the agency is on the page');
  assert.ok(!(await page.content()).includes(env.AGENCY));
  // it fits a phone
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `wider than the phone: ${width}`);
  await page.screenshot({path: `${shots}/alert-phone.png`, fullPage: true});
  await page.close();
});

test('a lead sent from the page reaches the case\'s police; a bad token is refused and said so', {skip}, async () => {
  const page = await open(env.OPEN_ALERT);
  const words = `A child like this one at the north gate of the park (${randomUUID()})`;
  await page.fill('textarea[name="text"]', words);
  await page.fill('input[name="token"]', 'not-a-token');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#lead-result[data-state="refused"]');
  assert.match(await page.textContent('#lead-result'), /Sign in first/);
  await page.fill('input[name="token"]', env.USER_TOKEN);
  await page.click('button[type="submit"]');
  await page.waitForSelector('#lead-result[data-state="sent"]');
  assert.equal(await page.inputValue('input[name="token"]'), '', 'the token is not kept in the form');
  const leads = await api(`/api/reunion/cases/${env.OPEN_ALERT}/leads`, env.POLICE_TOKEN);
  assert.equal(leads.status, 200);
  assert.deepEqual(leads.body.filter(l => l.text === words).map(l => l.caseId), [env.OPEN_ALERT]);
  await page.close();
});

test('a closed alert says so, without its details', {skip}, async () => {
  const {body: alert} = await api(`/api/reunion/alerts/${env.CLOSED_ALERT}`);
  assert.equal(alert.status, 'CLOSED');
  const page = await open(env.CLOSED_ALERT);
  assert.equal(await page.evaluate(() => window.gongyiAlert.shown), 'gone');
  assert.match(await page.textContent('#gone-reason'), /the person was found/);
  const visible = await page.innerText('body');
  for (const detail of [alert.name, alert.description, alert.contact]) {
    assert.ok(!visible.includes(detail), `"${detail}" is shown`);
  }
  assert.equal(await page.isVisible('#lead-form'), false);
  await page.screenshot({path: `${shots}/alert-closed-phone.png`, fullPage: true});
  await page.close();
});

test('an alert that is not public (unknown, or past its 3 days) says so', {skip}, async () => {
  const id = randomUUID();
  assert.equal((await api(`/api/reunion/alerts/${id}`)).status, 404);
  const page = await open(id);
  assert.equal(await page.evaluate(() => window.gongyiAlert.shown), 'gone');
  assert.match(await page.textContent('#gone-reason'), /public for 3 days/);
  assert.equal(await page.isVisible('#lead-form'), false);
  await page.close();
});
