// Signs in and reads the whole text of each of params.paths, with the options of each select
// on it: what a user in that role is shown.
export default async function pagesText(t) {
  await t.signIn(t.params.username, t.params.password);
  const pages = {};
  for (const path of t.params.paths) {
    const status = await t.open(path);
    pages[path] = {
      status,
      text: await t.text('main'),
      options: await t.page.$$eval('select', (selects) =>
        Object.fromEntries(selects.map((s) => [s.name, [...s.options].map((o) => o.value)])),
      ),
      inputs: await t.page.$$eval('input[name]', (inputs) => inputs.map((i) => i.name)),
    };
  }
  return pages;
}
