// Sends the Export form with params.fields and reads how the answer shows the problem of
// input params.field: its status, the problem's text, whether the input points at it
// (aria-describedby, aria-invalid), whether the problem sits in the input's own field, the
// summary's links, and the values the form kept.
export default async function exportFormError(t) {
  await t.signIn(t.params.username, t.params.password);
  await t.open(`/export?type=${t.params.type}&patient_id=${t.params.patientId}`);
  await t.fill('form.export-form', t.params.fields);
  const status = await t.submit('form.export-form');
  const field = await t.page.$eval(
    `form.export-form [name="${t.params.field}"]`,
    (input) => {
      const describedBy = input.getAttribute('aria-describedby');
      const problem = describedBy ? document.getElementById(describedBy) : null;
      return {
        value: input.value,
        invalid: input.getAttribute('aria-invalid'),
        describedBy,
        problem: problem ? problem.innerText : null,
        besideInput: Boolean(problem && input.closest('.field') === problem.closest('.field')),
      };
    },
  );
  const summary = await t.page.$$eval('#form-problems li', (items) => items.map((i) => i.innerText));
  const values = await t.page.$$eval('form.export-form input[name]', (inputs) =>
    Object.fromEntries(inputs.filter((i) => i.type !== 'hidden').map((i) => [i.name, i.type === 'checkbox' ? i.checked : i.value])),
  );
  if (t.params.screenshot) await t.screenshot(t.params.screenshot.name, t.params.screenshot.options ?? {});
  await t.checkAccessibility();
  return { status, path: new URL(t.page.url()).pathname, field, summary, values };
}
