import { createLogger, scrub } from '../src/logger';
import { startBff, startMockData, testDatabases, type MockData } from './helpers';

const ID = '11010519491231002X';
const PHONE = '13812345678';

describe('logs carry no personal data', () => {
  it('scrubs ID numbers and phones from messages, fields, errors and nested objects', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) } as never);
    logger.info(
      { idNumber: ID, phone: PHONE, person: { name: '张三', idNumber: ID }, note: `call ${PHONE} about ${ID}` },
      `lookup ${ID}`,
    );
    logger.error({ err: new Error(`no person ${ID} with phone ${PHONE}`) }, 'failed');
    logger.info(`plain ${PHONE}`);
    const output = lines.join('\n');
    expect(output).not.toContain(ID);
    expect(output).not.toContain(PHONE);
    expect(output).not.toContain('张三');
    expect(output).toContain('1***************2X');
    expect(output).toContain('138****5678');
    expect(scrub(`a${ID}b`)).toBe(`a${ID}b`); // not an ID number when glued to letters
  });

  it('writes no error line for a citizen’s coded refusal (a token that is not one, no token)', async () => {
    const mock: MockData = await startMockData();
    const [database] = testDatabases();
    const bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    try {
      const errorLines = () => bff.logs.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
      const before = errorLines().length;
      const refused = await bff.gql('{ me { level } }', {}, 'not-a-token');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const unsigned = await bff.gql('mutation { logout }');
      expect(unsigned.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(errorLines().slice(before)).toEqual([]);
    } finally {
      await bff.stop();
      await mock.stop();
      await database.cleanup();
    }
  });

  it('writes none through a real request that carries them', async () => {
    const mock: MockData = await startMockData();
    const [database] = testDatabases();
    const bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    try {
      await bff.gql('query($r: String) { serviceTiles(platform: H5, region: $r) { id } }', { r: ID });
      await bff.gql(`{ serviceTiles(platform: H5, region: "${PHONE}") { id } }`);
      await fetch(`${bff.url}/graphql?idNumber=${ID}&phone=${PHONE}`);
      const output = bff.logs.join('\n');
      expect(bff.logs.length).toBeGreaterThan(2);
      expect(output).not.toContain(ID);
      expect(output).not.toContain(PHONE);
    } finally {
      await bff.stop();
      await mock.stop();
      await database.cleanup();
    }
  });
});
