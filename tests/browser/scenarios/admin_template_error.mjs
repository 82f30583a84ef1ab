// A template with a syntax error (tests/e2e/test_web_admin.py): signs in, opens the editor
// of params.template (a custom one the user may change), replaces its text with
// params.content, waits for the live preview to report the error, then saves and reads the
// refusal.
import { previewText, replaceTemplate } from './admin_template_support.mjs';

export default async function templateError(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open(`/templates/${t.params.template}`);
  await replaceTemplate(t, t.params.content, ' ');
  const preview = await previewText(t, 'syntax error');
  const status = await t.submit('#template-form');
  return {
    preview,
    saveStatus: status,
    problems: await t.text('#save-problems'),
    describedBy: await t.page.$eval('#template_content', (e) => e.getAttribute('aria-describedby')),
    keptContent: await t.page.$eval('#template_content', (e) => e.value),
  };
}
