// Helpers of the template editor's scenarios (admin_template_*.mjs).
import { DEFAULT_TIMEOUT_MS } from '../toolkit.mjs';

// Puts the caret in the editor's textarea just before the last `before` (at the end when
// there is none) and types `text` there as a user would, key by key.
export async function typeIntoTemplate(t, before, text) {
  await t.page.$eval('#template_content', (e, b) => {
    const at = e.value.lastIndexOf(b);
    const caret = at < 0 ? e.value.length : at;
    e.focus();
    e.setSelectionRange(caret, caret);
  }, before);
  await t.page.keyboard.type(text);
}

// Replaces the editor's whole text (too long to type) and types `then` after it, so that the
// editor sees typing as it would from a user.
export async function replaceTemplate(t, text, then) {
  await t.page.$eval('#template_content', (e, v) => {
    e.value = v;
    e.focus();
    e.setSelectionRange(v.length, v.length);
  }, text);
  await t.page.keyboard.type(then);
}

// The preview frame's text once it contains `expected`; fails after the timeout with what
// the frame showed instead.
export async function previewText(t, expected, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
  const frameElement = await t.waitForSelector('#template-preview');
  const frame = await frameElement.contentFrame();
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (text.includes(expected)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the preview did not show ${JSON.stringify(expected)} within ${timeout} ms; it showed ${JSON.stringify(text.slice(0, 200))}`);
}
