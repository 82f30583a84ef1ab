// Uploads an image to a template (tests/e2e/test_web_admin.py): signs in, opens the editor
// of params.template, uploads params.image as params.name, makes the template show it (the
// live preview follows, drawing the image), and downloads the preview as a PDF, where the
// image is drawn too.
import { previewText, replaceTemplate } from './admin_template_support.mjs';

export default async function templateImage(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open(`/templates/${t.params.template}`);
  await t.fill('#upload-form', { image: t.params.image, asset_name: t.params.name });
  const status = await t.submit('#upload-form');
  const notice = await t.text('.notice');
  const assets = await t.text('ul.assets');
  await replaceTemplate(t, `<h1>Logo below</h1><img src="${t.params.name}" alt="Practice logo" width="48" height="32">`, ' ');
  const preview = await previewText(t, 'Logo below');
  // The preview's policy allows data: images only: the image must be inline and decoded.
  const frame = await (await t.waitForSelector('#template-preview')).contentFrame();
  const image = await frame.$eval('img', (img) => ({
    scheme: img.getAttribute('src').split(':')[0],
    loadedWidth: img.complete ? img.naturalWidth : 0,
  }));
  const pdf = await t.download(() => t.page.click('#template-form button[value="pdf"]'));
  return { status, notice, assets, preview, image, pdf };
}
