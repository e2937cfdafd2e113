#!/usr/bin/env node
/**
 * The whole test suite: first the lint and the format check (a failure names the
 * command that fixes it), then two jest runs, because the second needs what the first
 * builds: (1) shared, mock-data, bff, miniapp components and the four platform
 * builds; (2) the tests that load those builds (miniprogram-simulate, Chromium).
 * Prints one closing line, `N passed, N failed, N skipped`, and exits non-zero on any
 * failure; a lint or format check that finds anything counts as one failed check.
 * Extra arguments go to both jest runs (e.g. --ci).
 *
 * Under CI (CI=true or --ci) the run also fails when the PostgreSQL or Redis tests were
 * not created: without TEST_DATABASE_URL the PostgreSQL half of the BFF tests would
 * simply not exist and the count would still end in "0 failed".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const phases = [['shared', 'mock-data', 'bff', 'miniapp', 'miniapp-build'], ['miniapp-e2e']];
const extra = process.argv.slice(2);
const underCi = process.env.CI === 'true' || process.env.CI === '1' || extra.includes('--ci');
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
const backends = { postgres: 0, redis: 0 };
const problems = [];

if (underCi) {
  for (const name of ['TEST_DATABASE_URL', 'TEST_REDIS_URL']) {
    if (!process.env[name]) problems.push(`${name} is not set under CI: the tests that need it would not be created`);
  }
}

// Lint and formatting first: each that finds anything is one failed check, and the
// jest runs go on, so one `npm test` still reports everything.
const checks = [
  [
    'npm run lint',
    'lint found problems (listed before the jest runs): fix them (`npx eslint . --fix` fixes some), then `npm run lint`',
  ],
  ['npm run format:check', 'files not formatted (listed before the jest runs): run `npm run format`'],
];
for (const [command, problem] of checks) {
  const started = Date.now();
  const [program, ...args] = command.split(' ');
  const run = spawnSync(program, [...args, '--silent'], { stdio: 'inherit' });
  console.log(`${command}: ${run.status === 0 ? 'ok' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) problems.push(problem);
}

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
    skipped += summary.skipped;
    backends.postgres += summary.backends.postgres;
    backends.redis += summary.backends.redis;
    fs.rmSync(summaryFile);
  } else {
    failed += 1; // jest itself failed before it could report
    problems.push(`jest (${projects.join(', ')}) ended before reporting`);
  }
  if (run.status !== 0) status = 1;
}

if (underCi) {
  if (backends.postgres === 0) problems.push('no test passed on PostgreSQL');
  if (backends.redis === 0) problems.push('no test passed on Redis');
}
for (const problem of problems) console.error(`test run: ${problem}`);
if (problems.length > 0) status = 1;
// A backend whose tests were never created is a failure of the run, counted as one.
failed += problems.filter((p) => !p.startsWith('jest (')).length;

console.log(`\ntests on PostgreSQL: ${backends.postgres}, on Redis: ${backends.redis}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status || (failed > 0 ? 1 : 0));
