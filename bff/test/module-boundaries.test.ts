import fs from 'node:fs';
import path from 'node:path';

/**
 * The module boundaries issue 12 drew, checked on the source so a new feature cannot
 * quietly cross them again: who a citizen is comes from identity's CitizenDirectory,
 * the audit log has one writer, applications and wallet share agency records without a
 * cycle, and the outbox knows nothing of the modules.
 */
const SRC = path.resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `file:line` of each line matching `pattern` in `files`. */
function linesMatching(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(SRC, file)}:${i + 1}`] : [])),
  );
}

const modules = sourceFiles(path.join(SRC, 'modules'));
const IDENTITY_TABLE = /(selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin)\(\s*'(citizens|accounts)'/;

describe('module boundaries', () => {
  it('finds the files it checks', () => {
    // A moved folder must not turn the checks below into checks of nothing.
    expect(modules.length).toBeGreaterThan(50);
    expect(
      linesMatching(
        modules.filter((f) => f.includes(`${path.sep}identity${path.sep}`)),
        IDENTITY_TABLE,
      ).length,
    ).toBeGreaterThan(0);
  });

  it('no module but identity queries the citizens or accounts tables', () => {
    const outside = modules.filter((f) => !f.includes(`${path.sep}modules${path.sep}identity${path.sep}`));
    expect(linesMatching(outside, IDENTITY_TABLE)).toEqual([]);
  });

  it('the audit log is written only by modules/audit/writer.ts', () => {
    const writers = linesMatching(
      sourceFiles(SRC).filter((f) => !f.includes(`${path.sep}db${path.sep}migrations${path.sep}`)),
      /insertInto\(\s*'audit_log'/,
    );
    expect([...new Set(writers.map((at) => at.split(':')[0]))]).toEqual([path.join('modules', 'audit', 'writer.ts')]);
  });

  it('applications and the wallet do not import each other (both read licences from agency-records)', () => {
    const inModule = (name: string) =>
      modules.filter((f) => f.includes(`${path.sep}modules${path.sep}${name}${path.sep}`));
    expect(linesMatching(inModule('applications'), /from '\.\.\/wallet\//)).toEqual([]);
    expect(linesMatching(inModule('wallet'), /from '\.\.\/applications\//)).toEqual([]);
  });

  it('the outbox imports nothing from the modules', () => {
    expect(linesMatching(sourceFiles(path.join(SRC, 'outbox')), /from '\.\.\/modules\//)).toEqual([]);
  });
});
