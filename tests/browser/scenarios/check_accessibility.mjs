// Opens params.url and runs axe-core on it; fails on a serious or critical violation whose
// rule is not in params.allow. Returns every violation (moderate and minor ones too).
export default async function accessibility(t) {
  await t.open(t.params.url);
  return t.checkAccessibility({ allow: t.params.allow ?? [], exclude: t.params.exclude ?? [] });
}
