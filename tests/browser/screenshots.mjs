// Screenshots at fixed widths compared with golden PNGs in tests/browser/golden/.
//
// Contract: screenshot(page, name, options) lays the page out at each width (1280 and 390
// by default) with device scale factor 1, animations and the caret off and fonts loaded,
// writes OUT/screenshots/NAME-WIDTH.png and compares it with golden/NAME-WIDTH.png. With
// DOSSIER_UPDATE_GOLDENS=1 it writes the golden instead. Parts of a page that change between
// runs (dates, ids) are made still first: `replaceText` sets the text of matching elements
// to a fixed string (so the layout around them is stable too), `mask` paints a grey box over
// them, `clip` keeps only the band of the page that holds the matching elements.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareImages } from './images.mjs';

export const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
export const DEFAULT_WIDTHS = [1280, 390];
const VIEWPORT_HEIGHT = 800;

const STILL_CSS = `*, *::before, *::after {
  animation: none !important; transition: none !important; caret-color: transparent !important;
}`;

export function updatingGoldens() {
  return process.env.DOSSIER_UPDATE_GOLDENS === '1';
}

// A style sheet added through the DevTools protocol: a page's Content-Security-Policy
// (Dossier's pages allow no inline style of a script's making) does not apply to it.
async function addStyleSheet(page, text) {
  const client = await page.createCDPSession();
  try {
    await client.send('DOM.enable');
    await client.send('CSS.enable');
    const { frameTree } = await client.send('Page.getFrameTree');
    const { styleSheetId } = await client.send('CSS.createStyleSheet', { frameId: frameTree.frame.id });
    await client.send('CSS.setStyleSheetText', { styleSheetId, text });
  } finally {
    await client.detach();
  }
}

async function makeStill(page, { replaceText = {}, mask = [] }) {
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const masks = mask.map((s) => `${s} { background: #888 !important; color: transparent !important; }`);
  await addStyleSheet(page, [STILL_CSS, ...masks].join('\n'));
  for (const [selector, text] of Object.entries(replaceText)) {
    const count = await page.$$eval(selector, (els, t) => els.map((e) => (e.textContent = t)).length, text);
    if (count === 0) throw new Error(`replaceText: nothing matches ${selector}`);
  }
}

// The band of the page, full width, from the top of the first matching element to the
// bottom of the last, in page coordinates.
async function clipBand(page, selectors, width) {
  const band = await page.evaluate((list) => {
    const rects = list.flatMap((s) => [...document.querySelectorAll(s)]).map((e) => e.getBoundingClientRect());
    if (rects.length === 0) return null;
    const top = Math.min(...rects.map((r) => r.top)) + window.scrollY;
    const bottom = Math.max(...rects.map((r) => r.bottom)) + window.scrollY;
    return { top: Math.floor(top), bottom: Math.ceil(bottom) };
  }, selectors);
  if (!band) throw new Error(`clip: nothing matches ${selectors.join(', ')}`);
  return { x: 0, y: band.top, width, height: band.bottom - band.top };
}

async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

function compareWithGolden(file, name, width, tolerance) {
  const golden = path.join(GOLDEN_DIR, `${name}-${width}.png`);
  if (updatingGoldens()) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.copyFileSync(file, golden);
    return { golden, match: true, updated: true };
  }
  if (!fs.existsSync(golden)) {
    return { golden, match: false, reason: 'no golden image (run with DOSSIER_UPDATE_GOLDENS=1 to write it)' };
  }
  const diffPath = file.replace(/\.png$/, '-diff.png');
  return { golden, ...compareImages(file, golden, diffPath, tolerance) };
}

// Returns one entry per width: { name, width, path, golden, match, reason, diffPath, ... }.
// `golden: false` only saves the screenshots.
export async function screenshot(page, outDir, name, options = {}) {
  const { widths = DEFAULT_WIDTHS, clip, tolerance, golden = true } = options;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: use a-z, 0-9 and -`);
  const dir = path.join(outDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await makeStill(page, options);
  const shots = [];
  for (const width of widths) {
    await page.setViewport({ width, height: VIEWPORT_HEIGHT, deviceScaleFactor: 1 });
    await settle(page);
    const file = path.join(dir, `${name}-${width}.png`);
    const area = clip ? { clip: await clipBand(page, [clip].flat(), width) } : { fullPage: true };
    await page.screenshot({ path: file, captureBeyondViewport: true, ...area });
    const comparison = golden ? compareWithGolden(file, name, width, tolerance) : { match: null };
    shots.push({ name, width, path: file, ...comparison });
  }
  return shots;
}
