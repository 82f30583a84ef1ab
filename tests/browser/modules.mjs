// The npm packages of the toolkit, loaded from the prefix scripts/browser-run installs them
// into (DOSSIER_BROWSER_MODULES). ES modules ignore NODE_PATH, so each package is resolved
// from that directory explicitly; nothing is looked up anywhere else.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.DOSSIER_BROWSER_MODULES;
if (!dir) {
  throw new Error('DOSSIER_BROWSER_MODULES is not set: run the toolkit through scripts/browser-run');
}
const require = createRequire(path.join(path.resolve(dir), 'noop.js'));

// The CommonJS packages through require, which loads puppeteer-core's many files faster
// than import does; pixelmatch is an ES module.
export const puppeteer = require('puppeteer-core');
export const { PNG } = require('pngjs');
export const pixelmatch = (await import(pathToFileURL(require.resolve('pixelmatch')).href)).default;
// axe-core runs inside the page: its source is injected from the installed package.
export const axeSourcePath = require.resolve('axe-core/axe.min.js');
