// Fills the form params.form on params.url, then reaches params.submit with Tab alone and
// activates it with Enter. Returns the focus order and the query the form was sent with
// (the fixture's form uses GET, so that a page from disk can be submitted).
export default async function formByKeyboard(t) {
  await t.open(t.params.url);
  await t.fill(t.params.form, t.params.fields);
  await t.focusStart();
  const order = await t.activateByKeyboard(t.params.submit);
  await t.waitForText(t.params.expect);
  return { order, query: Object.fromEntries(new URL(t.page.url()).searchParams) };
}
