// The usual check of one of Dossier's pages, so that a page's test is a few lines: signs in
// when params.username is given, opens params.path, reads it (as page_text.mjs does), takes
// screenshot params.screenshot.name with params.screenshot.options when given, and runs
// axe-core unless params.axe is false (params.axe.allow: known, reported rules).
import { readPage } from './page_text.mjs';

export default async function pageCheck(t) {
  if (t.params.username) await t.signIn(t.params.username, t.params.password);
  const page = await readPage(t, t.params.path, t.params.selectors);
  if (t.params.screenshot) await t.screenshot(t.params.screenshot.name, t.params.screenshot.options ?? {});
  if (t.params.axe !== false) await t.checkAccessibility(t.params.axe ?? {});
  return page;
}
