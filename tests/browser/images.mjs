// Comparing a screenshot with its golden PNG: pixelmatch per pixel (a colour distance
// threshold, anti-aliased pixels ignored), then a limit on the fraction of pixels that
// differ. On a mismatch a diff image (differing pixels in red over a faded copy) is written.
import fs from 'node:fs';
import { pixelmatch, PNG } from './modules.mjs';

// The same Chromium and fonts give the same pixels; anti-aliasing that moves with a patch
// release is what pixelmatch's threshold and anti-aliasing detection absorb. The fraction is
// kept small enough that one changed character in a 1280 px band (some 40 pixels in
// 500,000) fails.
export const DEFAULT_TOLERANCE = { threshold: 0.1, maxDiffFraction: 0.00005 };

function readPng(file) {
  return PNG.sync.read(fs.readFileSync(file));
}

// Returns { match, reason, differing, fraction, diffPath }; writes diffPath only on a mismatch.
export function compareImages(actualPath, goldenPath, diffPath, tolerance = DEFAULT_TOLERANCE) {
  const { threshold, maxDiffFraction } = { ...DEFAULT_TOLERANCE, ...tolerance };
  const actual = readPng(actualPath);
  const golden = readPng(goldenPath);
  if (actual.width !== golden.width || actual.height !== golden.height) {
    return {
      match: false,
      reason: `size ${actual.width}x${actual.height} differs from the golden's ${golden.width}x${golden.height}`,
      differing: null,
      fraction: 1,
      diffPath: null,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(actual.data, golden.data, diff.data, actual.width, actual.height, {
    threshold,
  });
  const fraction = differing / (actual.width * actual.height);
  const match = fraction <= maxDiffFraction;
  if (!match) fs.writeFileSync(diffPath, PNG.sync.write(diff));
  return {
    match,
    reason: match ? null : `${differing} pixels (${(fraction * 100).toFixed(3)}%) differ, more than ${(maxDiffFraction * 100).toFixed(3)}%`,
    differing,
    fraction,
    diffPath: match ? null : diffPath,
  };
}
