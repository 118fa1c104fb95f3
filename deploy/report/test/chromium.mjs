// What the report's browser tests share: headless Chromium (Debian's package, driven by playwright-core) launched as
// they all launch it (CHROMIUM, default /usr/bin/chromium), their screenshots' folder made, and a phone's viewport.
import {mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';

export const PHONE = {viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true, hasTouch: true};

export async function launchChromium(shots) {
  mkdirSync(shots, {recursive: true});
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // as root there is no sandbox; the rest keeps Chromium off a closed network
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
