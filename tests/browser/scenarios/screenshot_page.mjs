// Opens params.url and takes screenshot params.name with params.options (see
// screenshots.mjs: widths, clip, replaceText, mask, tolerance, golden); with params.replace,
// first sets the text of those selectors, as a change of content would.
export default async function screenshotPage(t) {
  await t.open(t.params.url);
  for (const [selector, text] of Object.entries(t.params.replace ?? {})) {
    await t.page.$$eval(selector, (els, value) => els.forEach((e) => (e.textContent = value)), text);
  }
  return t.screenshot(t.params.name, t.params.options ?? {});
}
