// Signs in with params.username and params.password through the page at `/` and returns
// where that ended and what it shows.
export default async function signIn(t) {
  await t.signIn(t.params.username, t.params.password);
  return { path: new URL(t.page.url()).pathname, h1: await t.text('h1') };
}
