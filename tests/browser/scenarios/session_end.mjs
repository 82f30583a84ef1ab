// Signs in, then ends the session as params.end says — "sign_out" (the header's button) or
// "idle" (waits params.idle_ms without a request) — and opens /clients again. Before ending,
// posts the sign-out form's action without its csrf_token, as a forged cross-site form would.
export default async function sessionEnd(t) {
  await t.signIn(t.params.username, t.params.password);
  const forged = await t.page.evaluate(async () => {
    const answer = await fetch('/sign-out', { method: 'POST', body: new URLSearchParams() });
    return answer.status;
  });
  const stillIn = await t.open('/clients');
  if (t.params.end === 'sign_out') {
    await t.submit('form.sign-out');
  } else {
    await new Promise((resolve) => setTimeout(resolve, t.params.idle_ms));
  }
  const afterEnd = new URL(t.page.url()).pathname;
  await t.open('/clients');
  return {
    forgedStatus: forged,
    stillInStatus: stillIn,
    afterEnd,
    landed: new URL(t.page.url()).pathname,
    signInForm: (await t.page.$('form[action="/sign-in"]')) !== null,
    notice: await t.page.$eval('main', (m) => m.innerText),
  };
}
