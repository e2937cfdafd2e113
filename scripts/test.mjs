#!/usr/bin/env node
/**
 * The whole test suite in two jest runs, because the second needs what the first
 * builds: (1) shared, mock-data, bff, miniapp components and the four platform
 * builds; (2) the tests that load those builds (miniprogram-simulate, Chromium).
 * Prints one closing line, `N passed, N failed`, and exits non-zero on any failure.
 * Extra arguments go to both jest runs (e.g. --ci).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const phases = [
  ['shared', 'mock-data', 'bff', 'miniapp', 'miniapp-build'],
  ['miniapp-e2e'],
];
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let status = 0;

for (const projects of phases) {
  const summaryFile = path.join(os.tmpdir(), `jest-summary-${process.pid}-${projects[0]}.json`);
  fs.rmSync(summaryFile, { force: true });
  const run = spawnSync('npx', ['jest', '--selectProjects', ...projects, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, JEST_SUMMARY_FILE: summaryFile },
  });
  if (fs.existsSync(summaryFile)) {
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
    fs.rmSync(summaryFile);
  } else {
    failed += 1; // jest itself failed before it could report
  }
  if (run.status !== 0) status = 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
