// The template editor (tests/e2e/test_web_admin.py): signs in, copies system template
// params.template from the Templates page, takes the editor's screenshot
// (params.screenshot) and checks it with axe, types params.marker into the template and
// waits for the live preview to show it, then saves. Returns what each step showed.
import { previewText, typeIntoTemplate } from './admin_template_support.mjs';

export default async function templateEditor(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open('/templates');
  await t.submit(`form[action="/templates/${t.params.template}/copy"]`);
  const editorPath = new URL(t.page.url()).pathname;
  const copied = await t.text('.notice');
  const title = await t.text('h1');
  if (t.params.screenshot) await t.screenshot(t.params.screenshot.name, t.params.screenshot.options ?? {});
  await t.checkAccessibility();
  await typeIntoTemplate(t, '</body>', `<p id="typed">${t.params.marker}</p>`);
  const preview = await previewText(t, t.params.marker);
  const status = await t.submit('#template-form');
  return {
    editorPath,
    copied,
    title,
    preview,
    saveStatus: status,
    saved: await t.text('.notice'),
    savedContent: await t.page.$eval('#template_content', (e) => e.value),
  };
}
