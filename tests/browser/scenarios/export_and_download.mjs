// The Export form used as a therapist does: signs in, opens /export for params.patientId with
// params.type chosen, fills params.fields, starts the export and lands on the job's page;
// then waits there, without a reload, until static/jobs.js shows the job Ready (params.wait
// ms at most), and downloads the file through the page's Download link.
export default async function exportAndDownload(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open(`/export?type=${t.params.type}&patient_id=${t.params.patientId}`);
  await t.fill('form.export-form', t.params.fields ?? {});
  const status = await t.submit('form.export-form');
  const landed = new URL(t.page.url()).pathname;
  const firstStatus = await t.text('[data-field="status_label"]');
  // Set on this document only: a reload or navigation would drop it.
  await t.page.evaluate(() => {
    window.dossierSamePage = true;
  });
  await t.waitForText('Ready', { selector: '[data-field="status_label"]', timeout: t.params.wait ?? 60000 });
  const reloaded = !(await t.page.evaluate(() => window.dossierSamePage === true));
  const file = await t.download(() => t.page.click('[data-field="download"] a'), { timeout: 20000 });
  return {
    status,
    path: landed,
    firstStatus,
    reloaded,
    finalStatus: await t.text('[data-field="status_label"]'),
    expires: await t.text('[data-field="expires_text"]'),
    file,
  };
}
