// Opens params.url (signed in first when params.username is given), fills the form
// params.form with params.fields, submits it (with params.button when given) and reads the
// page that answers: its status, path and query, title, headings and params.selectors.
import { readPage } from './page_text.mjs';

export default async function submitForm(t) {
  if (t.params.username) await t.signIn(t.params.username, t.params.password);
  await t.open(t.params.url);
  await t.fill(t.params.form, t.params.fields ?? {});
  const status = await t.submit(t.params.form, { button: t.params.button });
  const landed = new URL(t.page.url());
  const page = await readPage(t, null, t.params.selectors);
  return { ...page, status, path: landed.pathname, query: Object.fromEntries(landed.searchParams) };
}
