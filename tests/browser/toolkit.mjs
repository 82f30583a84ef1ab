// What a scenario gets: `t`, one fresh browser context (cookies, storage and cache of its
// own) with one page, and helpers that wait with a timeout, never forever. Every helper
// throws an Error saying what it waited for; run.mjs turns that into the run's failure.
import path from 'node:path';
import { blocking, describe, runAxe } from './accessibility.mjs';
import { Downloads } from './downloads.mjs';
import { screenshot } from './screenshots.mjs';

export const DEFAULT_TIMEOUT_MS = 10000;
const PICKED_TYPES = ['date', 'datetime-local', 'month', 'week', 'time', 'color', 'range'];

export class Toolkit {
  static async open(browser, { baseUrl, outDir, params }) {
    const context = await browser.createBrowserContext();
    const downloads = await Downloads.open(browser, context.id, outDir);
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    const failedRequests = [];
    page.on('requestfailed', (r) => failedRequests.push({ url: r.url(), error: r.failure()?.errorText }));
    await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
    return new Toolkit({ context, page, downloads, baseUrl, outDir, params, failedRequests });
  }

  constructor({ context, page, downloads, baseUrl, outDir, params, failedRequests }) {
    Object.assign(this, { context, page, downloads, baseUrl, outDir, params, failedRequests });
    this.screenshots = [];
    this.downloaded = [];
    this.accessibility = [];
  }

  async close() {
    await this.downloads.close();
    await this.context.close();
  }

  // A path is taken relative to --base-url; absolute URLs (http:, file:) are used as they are.
  url(target) {
    return /^[a-z]+:/.test(target) ? target : new URL(target, this.baseUrl).href;
  }

  // Opens `target` and returns the HTTP status of the response (200 for a file: URL).
  async open(target, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const response = await this.page.goto(this.url(target), { waitUntil: 'load', timeout });
    return response ? response.status() : null;
  }

  async text(selector = 'body') {
    return this.page.$eval(selector, (e) => e.innerText);
  }

  async waitForSelector(selector, { timeout = DEFAULT_TIMEOUT_MS, visible = true } = {}) {
    return this.page.waitForSelector(selector, { timeout, visible }).catch((e) => {
      throw new Error(`${selector} did not appear within ${timeout} ms (${e.message.split('\n')[0]})`);
    });
  }

  async waitForText(text, { selector = 'body', timeout = DEFAULT_TIMEOUT_MS } = {}) {
    await this.page
      .waitForFunction((s, t) => document.querySelector(s)?.innerText.includes(t), { timeout }, selector, text)
      .catch(() => {
        throw new Error(`the text ${JSON.stringify(text)} did not appear in ${selector} within ${timeout} ms`);
      });
  }

  // Fills the named fields of a form as a user would: text is typed, checkboxes and radios
  // are clicked to the given boolean or value, selects take their option value, file
  // inputs a path. Date, time, colour and range inputs take their value as the form sends
  // it (2025-01-31), set with the input and change events a picker fires: typing into them
  // depends on the browser's locale.
  async fill(formSelector, fields) {
    const form = await this.waitForSelector(formSelector);
    for (const [name, value] of Object.entries(fields)) {
      const field = await form.$(`[name="${name}"]`);
      if (!field) throw new Error(`${formSelector} has no field named ${name}`);
      const kind = await field.evaluate((e) => (e.tagName === 'SELECT' ? 'select' : e.type));
      if (kind === 'select') {
        await field.select(String(value));
      } else if (kind === 'checkbox' || kind === 'radio') {
        const target = kind === 'radio' ? await form.$(`[name="${name}"][value="${value}"]`) : field;
        if (!target) throw new Error(`${formSelector} has no ${name} option ${value}`);
        const want = kind === 'radio' ? true : Boolean(value);
        if ((await target.evaluate((e) => e.checked)) !== want) await target.click();
      } else if (kind === 'file') {
        await field.uploadFile(...[value].flat());
      } else if (PICKED_TYPES.includes(kind)) {
        await field.evaluate((e, v) => {
          e.value = v;
          e.dispatchEvent(new Event('input', { bubbles: true }));
          e.dispatchEvent(new Event('change', { bubbles: true }));
        }, String(value));
      } else {
        await field.click({ clickCount: 3 });
        await field.evaluate((e) => (e.value = ''));
        await field.type(String(value));
      }
    }
  }

  // Submits the form as its submit button would (or as the button `button` inside it does,
  // which sends that button's name and value) and waits for the page that answers.
  // Returns that page's HTTP status.
  async submit(formSelector, { button, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const form = await this.waitForSelector(formSelector);
    const submitter = button ? await form.$(button) : null;
    if (button && !submitter) throw new Error(`${formSelector} has no button ${button}`);
    const [response] = await Promise.all([
      this.page.waitForNavigation({ waitUntil: 'load', timeout }),
      form.evaluate((f, b) => f.requestSubmit(b ?? undefined), submitter),
    ]);
    return response ? response.status() : null;
  }

  // Signs in through the sign-in page at `/`: a form posting to /sign-in with `username`
  // and `password` (and its hidden `csrf_token`), which redirects to /clients.
  async signIn(username, password, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    await this.open('/', { timeout });
    const form = 'form[action="/sign-in"]';
    await this.waitForSelector(`${form}[method="post" i]`, { timeout });
    if (!(await this.page.$(`${form} input[type="hidden"][name="csrf_token"]`))) {
      throw new Error('the sign-in form has no hidden csrf_token field');
    }
    await this.fill(form, { username, password });
    await this.submit(form, { timeout });
    const landed = new URL(this.page.url());
    if (landed.pathname !== '/clients') {
      throw new Error(`sign-in as ${username} ended on ${landed.pathname}, not /clients`);
    }
  }

  // A short description of the focused element, for messages and focus-order assertions.
  async focused() {
    return this.page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const name = e.getAttribute('name') ? `[name="${e.getAttribute('name')}"]` : '';
      const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName);
      // A password is never shown, not even in a failure message.
      const text = (e.type === 'password' ? '' : field ? e.value : e.innerText) ?? '';
      return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${name} ${JSON.stringify(text.trim().slice(0, 40))}`;
    });
  }

  // Puts keyboard focus before the first element of the page, where a fresh page starts:
  // a focused placeholder at the top, removed again, leaves Chromium's starting point there.
  async focusStart() {
    await this.page.evaluate(() => {
      const mark = document.createElement('span');
      mark.tabIndex = -1;
      document.body.prepend(mark);
      mark.focus();
      mark.remove();
    });
  }

  // Presses Tab until the focused element matches `selector` and returns the elements it
  // passed, in order; fails after `maxTabs` presses, listing them.
  async tabTo(selector, { maxTabs = 40 } = {}) {
    const order = [];
    for (let i = 0; i < maxTabs; i++) {
      await this.page.keyboard.press('Tab');
      order.push(await this.focused());
      if (await this.page.evaluate((s) => document.activeElement?.matches(s), selector)) return order;
    }
    throw new Error(`${maxTabs} presses of Tab did not reach ${selector}; focus went to: ${order.join(' → ')}`);
  }

  // Reaches `selector` by Tab and activates it with Enter, waiting for the navigation
  // that follows when `navigates` (a link or a submit button).
  async activateByKeyboard(selector, { navigates = true, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const order = await this.tabTo(selector);
    if (!navigates) {
      await this.page.keyboard.press('Enter');
      return order;
    }
    await Promise.all([this.page.waitForNavigation({ timeout }), this.page.keyboard.press('Enter')]);
    return order;
  }

  // Runs `action` (say, a click on a download link) and waits for the download it starts.
  async download(action, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const file = await this.downloads.capture(action, timeout);
    this.downloaded.push(file);
    return file;
  }

  // Downloads `target` (a signed link, say) by opening it: Chromium aborts the navigation
  // of an attachment, which is what a download is. A page instead (an expired link's
  // error, say) fails at once; the message names the path only, never a link's signature.
  async downloadUrl(target, options = {}) {
    const url = this.url(target);
    return this.download(async () => {
      let response;
      try {
        response = await this.page.goto(url, { timeout: options.timeout ?? DEFAULT_TIMEOUT_MS });
      } catch (e) {
        if (e.message.includes('net::ERR_ABORTED')) return;
        throw e;
      }
      if (response) throw new Error(`${new URL(url).pathname} answered ${response.status()} with a page, not a download`);
    }, options);
  }

  // Screenshots at 1280 and 390 px compared with goldens (see screenshots.mjs); a mismatch
  // fails the run when the scenario ends, after every screenshot has been taken.
  async screenshot(name, options = {}) {
    const shots = await screenshot(this.page, this.outDir, name, options);
    this.screenshots.push(...shots);
    return shots;
  }

  // axe-core on the current page: every violation; fails on a serious or critical one
  // whose rule is not in `allow` (a page's known, reported problems only).
  async checkAccessibility({ allow = [], exclude = [] } = {}) {
    const violations = await runAxe(this.page, { exclude });
    const url = this.page.url();
    this.accessibility.push({ url, violations });
    const failing = blocking(violations, allow);
    if (failing.length > 0) throw new Error(`axe-core: serious or critical violations on ${url}:\n${describe(failing)}`);
    return violations;
  }

  // The failures recorded without throwing: screenshots that differ from their goldens.
  mismatches() {
    return this.screenshots
      .filter((s) => s.match === false)
      .map((s) => `${path.basename(s.path)}: ${s.reason}${s.diffPath ? ` (diff: ${s.diffPath})` : ''}`);
  }

  report() {
    return {
      screenshots: this.screenshots,
      downloads: this.downloaded,
      accessibility: this.accessibility,
      // Requests that failed: refused ones outside loopback (see launch.mjs), and the
      // navigations Chromium aborts to download a file.
      failedRequests: this.failedRequests,
    };
  }
}
