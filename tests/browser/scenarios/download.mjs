// Downloads params.url (a signed link, say) as a browser does; returns { path, filename,
// url, bytes } of the finished file under the test's output directory.
export default async function download(t) {
  return t.downloadUrl(t.params.url, { timeout: t.params.timeout ?? 20000 });
}
