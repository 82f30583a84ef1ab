// Launching Debian's chromium headless for tests, with everything that makes a page render
// the same on every machine: one font configuration, no GPU, no LCD text, a fixed colour
// profile, no scrollbars. Screenshots set the device scale factor themselves (1).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { puppeteer } from './modules.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';

function chromiumArgs() {
  const args = [
    '--font-render-hinting=none',
    '--disable-lcd-text',
    '--disable-font-subpixel-positioning',
    '--force-color-profile=srgb',
    '--disable-gpu',
    // Containers give /dev/shm 64 MB, too little for a long page's tiles.
    '--disable-dev-shm-usage',
    '--hide-scrollbars',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--mute-audio',
    // Nothing outside the machine: every request that is not to loopback goes to a proxy
    // port where nothing listens and fails (loopback and file: are never proxied), so a
    // page that would fetch a font or a script from the internet shows it as a failure.
    '--proxy-server=http://127.0.0.1:9',
  ];
  // Chromium refuses to start its sandbox as root, and CI runs the tests as root in a
  // container without user namespaces; an unprivileged developer keeps the sandbox.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

// A browser of its own profile directory (puppeteer makes a fresh temporary one and removes
// it on close). Fonts come only from tests/browser/fonts.conf, so what else a machine has
// installed cannot change a screenshot.
export async function launchBrowser() {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(),
    env: { ...process.env, FONTCONFIG_FILE: path.join(here, 'fonts.conf'), TZ: 'UTC', LANG: 'en_US.UTF-8' },
    protocolTimeout: 30000,
    timeout: 30000,
  });
}

export async function connectBrowser(wsEndpoint) {
  return puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 30000 });
}

