// The Chromium test toolkit's command line (started through scripts/browser-run):
//
//   run.mjs serve
//     Launches chromium and prints one JSON line {"ws": ENDPOINT}; closes the browser when
//     its standard input ends. A suite keeps one browser for all its tests this way.
//   run.mjs scenario FILE --out DIR [--base-url URL] [--browser ENDPOINT] [--params JSON]
//                         [--timeout SECONDS]
//     Runs the scenario module FILE (its default export, an async function of the toolkit
//     `t`, see toolkit.mjs) in a fresh browser context of the browser at ENDPOINT (or of
//     one launched for this run). Prints one JSON object: {"result": what the scenario
//     returned, "screenshots": [...], "downloads": [...], "accessibility": [...]}; exits 1
//     with {"error": "..."} too when a step failed or a screenshot differs from its golden.
//   run.mjs compare ACTUAL GOLDEN DIFF [--threshold T] [--max-diff-fraction F]
//     Compares two PNGs as screenshots are compared; prints the comparison, exits 0.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compareImages } from './images.mjs';
import { connectBrowser, launchBrowser } from './launch.mjs';
import { Toolkit } from './toolkit.mjs';

function print(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

function fail(message) {
  process.stderr.write(`browser toolkit: ${message}\n`);
  process.exit(2);
}

async function serve() {
  const browser = await launchBrowser();
  print({ ws: browser.wsEndpoint() });
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
  await browser.close();
}

function withTimeout(promise, seconds, what) {
  let timer;
  const expiry = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

async function runScenario(file, t, seconds) {
  const scenario = (await import(pathToFileURL(path.resolve(file)).href)).default;
  if (typeof scenario !== 'function') throw new Error(`${file} has no default export function`);
  return withTimeout(scenario(t), seconds, `scenario ${path.basename(file)}`);
}

async function scenario(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'base-url': { type: 'string', default: 'http://127.0.0.1/' },
      browser: { type: 'string' },
      params: { type: 'string', default: '{}' },
      timeout: { type: 'string', default: '120' },
    },
  });
  if (positionals.length !== 1 || !values.out) fail('usage: run.mjs scenario FILE --out DIR [options]');
  const browser = values.browser ? await connectBrowser(values.browser) : await launchBrowser();
  const t = await Toolkit.open(browser, {
    baseUrl: values['base-url'],
    outDir: path.resolve(values.out),
    params: JSON.parse(values.params),
  });
  let outcome;
  try {
    const result = await runScenario(positionals[0], t, Number(values.timeout));
    const mismatches = t.mismatches();
    outcome = { result: result ?? null, ...t.report() };
    if (mismatches.length > 0) {
      outcome.error =
        `screenshots differ from their goldens:\n${mismatches.join('\n')}\n` +
        'if the change is meant, rewrite them with DOSSIER_UPDATE_GOLDENS=1 (docs/testing-browser.md)';
    }
  } catch (e) {
    outcome = { error: e.message, ...t.report() };
  }
  await t.close().catch(() => {});
  await (values.browser ? browser.disconnect() : browser.close());
  print(outcome);
  if (outcome.error) {
    process.stderr.write(`browser toolkit: ${outcome.error}\n`);
    process.exitCode = 1;
  }
}

function compare(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { threshold: { type: 'string' }, 'max-diff-fraction': { type: 'string' } },
  });
  if (positionals.length !== 3) fail('usage: run.mjs compare ACTUAL GOLDEN DIFF');
  const tolerance = {};
  if (values.threshold) tolerance.threshold = Number(values.threshold);
  if (values['max-diff-fraction']) tolerance.maxDiffFraction = Number(values['max-diff-fraction']);
  try {
    print(compareImages(...positionals, tolerance));
  } catch (e) {
    fail(e.message);
  }
}

const [mode, ...rest] = process.argv.slice(2);
const modes = { serve, scenario, compare };
if (!modes[mode]) fail('usage: run.mjs serve | scenario FILE --out DIR … | compare ACTUAL GOLDEN DIFF');
await modes[mode](rest);
