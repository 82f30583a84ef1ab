// axe-core on the page as it is now. The script comes from the installed npm package and is
// evaluated through the DevTools protocol, so a page's Content-Security-Policy (Dossier's
// forbid every script) does not block it and nothing is fetched.
import fs from 'node:fs';
import { axeSourcePath } from './modules.mjs';

const axeSource = fs.readFileSync(axeSourcePath, 'utf8');
export const BLOCKING_IMPACTS = ['serious', 'critical'];

// Every violation as { id, impact, help, targets }: targets are CSS selectors of the nodes.
export async function runAxe(page, { exclude = [] } = {}) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async (excluded) => {
      const context = excluded.length > 0 ? { exclude: excluded.map((s) => [s]) } : document;
      const results = await window.axe.run(context, { resultTypes: ['violations'] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    exclude,
  );
  return violations;
}

// The violations that fail a page: serious or critical ones whose rule is not in `allow`.
export function blocking(violations, allow = []) {
  return violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact) && !allow.includes(v.id));
}

export function describe(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(', ')}${v.targets.length > 5 ? ', …' : ''}`)
    .join('\n');
}
