// A certificate's check page (/certificates/{number}) in headless Chromium (Debian's package, driven by
// playwright-core) through the gateway, opened at the address its PDF's QR code gives: it shows what the issuing
// service's public check says, links the PDF to keep (served as a PDF), names no one, fits a phone; an unknown number
// is said to be one. Run by LocalPlatformIT#certificatesAreKeptAsPdfsAndCheckedOnTheirPages, which plants the trees.
// Environment: GATEWAY_URL (default http://127.0.0.1:8080), CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR;
// TREE_PAGE and HOURS_PAGE (the pages' addresses from the QR codes), HOLDER (whose certificates they are). Without
// TREE_PAGE the tests are skipped (npm test without a platform).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {PHONE, launchChromium} from './chromium.mjs';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const env = process.env;
const skip = !env.TREE_PAGE && 'TREE_PAGE not set: LocalPlatformIT runs this test against a platform';

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

async function check(path) {
  const r = await fetch(gateway + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

/** The page at an address, once it has shown what it shows ('certificate' or 'missing'). */
async function open(address) {
  const page = await browser.newPage(PHONE);
  const response = await page.goto(address);
  assert.equal(response.status(), 200);
  await page.waitForFunction(() => window.gongyiCertificate?.shown != null);
  return page;
}

/** The page's labelled lines, as [label, value] pairs. */
function lines(page) {
  return page.$$eval('#lines dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
}

const chinaTime = (instant) => new Date(instant).toLocaleString('zh-CN', {timeZone: 'Asia/Shanghai', hour12: false})
    + ' 北京时间 · China time';

/** The page's download link, fetched as the reader's browser would: a PDF. */
async function download(page, expected) {
  assert.equal(await page.getAttribute('#download', 'href'), expected);
  assert.equal(await page.isVisible('#download'), true);
  const pdf = await page.evaluate(async (href) => {
    const r = await fetch(href);
    const start = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
    return {status: r.status, type: r.headers.get('content-type'), start: String.fromCharCode(...start)};
  }, expected);
  assert.deepEqual(pdf, {status: 200, type: 'application/pdf', start: '%PDF-'});
}

async function namesNoOneAndFitsAPhone(page, shot) {
  assert.ok(!(await page.content()).includes(env.HOLDER), 'the holder is on the page');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `wider than the phone: ${width}`);
  await page.screenshot({path: `${shots}/${shot}`, fullPage: true});
}

test('a tree certificate\'s page shows what its check says and links the PDF', {skip}, async () => {
  const number = new URL(env.TREE_PAGE).pathname.split('/').pop();
  const tree = await check(`/api/forest/certificates/trees/${number}`);
  const page = await open(env.TREE_PAGE);
  assert.equal(await page.evaluate(() => window.gongyiCertificate.shown), 'certificate');
  assert.equal(await page.textContent('[data-field="title"]'), '植树证书 · Tree Certificate');
  assert.equal(await page.textContent('[data-field="certificateNo"]'), number);
  assert.equal(await page.textContent('[data-field="standing"]'), '有效 · Valid');
  assert.deepEqual(await lines(page), [
    ['树种 · Species', `${tree.speciesName} · ${tree.speciesNameEn}`],
    ['项目 · Project', tree.projectName],
    ['地区 · Region', tree.region],
    ['地块 · Plot', tree.plotName],
    ['种下时间 · Planted', chinaTime(tree.plantedAt)],
    ['种树人 · Planted by', '1 人 · 1 person'],
  ]);
  await download(page, `/api/forest/certificates/trees/${number}/pdf`);
  await namesNoOneAndFitsAPhone(page, 'certificate-tree-phone.png');
  await page.close();
});

test('a 3-hour certificate\'s page shows what its check says and links the PDF', {skip}, async () => {
  const number = new URL(env.HOURS_PAGE).pathname.split('/').pop();
  const year = await check(`/api/volunteer/certificates/three-hours/${number}`);
  assert.equal(year.standing, 'VALID');
  const page = await open(env.HOURS_PAGE);
  assert.equal(await page.evaluate(() => window.gongyiCertificate.shown), 'certificate');
  assert.equal(await page.textContent('[data-field="title"]'), '公益时证书 · Welfare Time Certificate');
  assert.equal(await page.textContent('[data-field="certificateNo"]'), number);
  assert.equal(await page.textContent('[data-field="standing"]'), '有效 · Valid');
  assert.deepEqual(await lines(page), [
    ['年度 · Year', String(year.year)],
    ['公益时 · Welfare time', `${year.hours} 小时 · ${year.hours} hours`],
    ['达成 · Reached', '每年3小时公益承诺 · the yearly 3-hour pledge'],
    ['服务机构 · Organisations', '–'],
    ['颁发时间 · Issued', chinaTime(year.issuedAt)],
  ]);
  await download(page, `/api/volunteer/certificates/three-hours/${number}/pdf`);
  await namesNoOneAndFitsAPhone(page, 'certificate-hours-phone.png');
  await page.close();
});

test('a number no certificate has is said to be one, with nothing to download', {skip}, async () => {
  const number = 'GF-T-1999-0000000000';
  assert.equal((await fetch(`${gateway}/api/forest/certificates/trees/${number}`)).status, 404);
  const page = await open(`${gateway}/certificates/${number}`);
  assert.equal(await page.evaluate(() => window.gongyiCertificate.shown), 'missing');
  assert.match(await page.textContent('#missing-reason'), new RegExp(`No certificate has the number ${number}`));
  assert.equal(await page.isVisible('#download'), false);
  await page.close();
});
