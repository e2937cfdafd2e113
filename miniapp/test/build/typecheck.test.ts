import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The generated GraphQL types match the BFF schema and the operations, and every
 * workspace compiles against them: a schema change that breaks the client fails here.
 */
describe('types', () => {
  it('generated GraphQL types are up to date with the schema and operations', () => {
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect([result.status, result.stderr.trim()]).toEqual([0, '']);
  });

  it.each(['shared', 'mock-data', 'bff', 'miniapp'])(
    '%s passes tsc --noEmit',
    (workspace) => {
      const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', workspace, '--noEmit'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect([result.status, result.stdout.trim()]).toEqual([0, '']);
    },
    120_000,
  );
});
