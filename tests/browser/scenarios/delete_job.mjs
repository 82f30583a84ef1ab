// Signs in, opens the job page params.path and deletes the job with its Delete button, as a
// keyboard user would (Tab to it, Enter); returns where that lands and what the Jobs page says.
export default async function deleteJob(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open(t.params.path);
  await t.activateByKeyboard('form.delete-job button');
  const landed = new URL(t.page.url());
  return {
    path: landed.pathname,
    query: Object.fromEntries(landed.searchParams),
    notice: await t.text('main .notice'),
    rows: await t.page.$$eval('tbody tr', (rows) => rows.map((r) => r.id)),
  };
}
