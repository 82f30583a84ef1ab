// Opens params.url (a path on the server or an absolute URL) and reads it: the HTTP status,
// the document title, the text of h1 and of every h2, and the text of params.selectors.
// readPage with no url reads the page that is open (its status is then null).
export async function readPage(t, url, selectors = []) {
  const status = url ? await t.open(url) : null;
  const texts = {};
  for (const selector of selectors) texts[selector] = await t.text(selector);
  return {
    status,
    title: await t.page.title(),
    h1: await t.page.$$eval('h1', (els) => els.map((e) => e.innerText)),
    h2: await t.page.$$eval('h2', (els) => els.map((e) => e.innerText)),
    texts,
  };
}

export default async function pageText(t) {
  return readPage(t, t.params.url, t.params.selectors);
}
