// The Templates pages by keyboard alone (tests/e2e/test_web_admin.py): signs in, reaches
// the Copy button of system template params.template with Tab and presses Enter, then on
// the copy's editor reaches Preview the same way and waits for the preview to show
// params.expect. Returns the focus order of both pages.
import { previewText } from './admin_template_support.mjs';

export default async function templatesByKeyboard(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open('/templates');
  await t.focusStart();
  const listOrder = await t.activateByKeyboard(`form[action="/templates/${t.params.template}/copy"] button`);
  const editorPath = new URL(t.page.url()).pathname;
  await t.focusStart();
  const editorOrder = await t.activateByKeyboard('#preview-button', { navigates: false });
  const preview = await previewText(t, t.params.expect);
  return { listOrder, editorPath, editorOrder, preview };
}
