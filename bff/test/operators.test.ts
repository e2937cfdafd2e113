import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

const SIGN_IN =
  'mutation($u: String!, $p: String!) { operatorSignIn(username: $u, password: $p) { token expiresAt operator { username role } } }';
const CREATE =
  'mutation($u: String!, $p: String!, $r: OperatorRole!) { createOperator(username: $u, password: $p, role: $r) { username role } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('operators on $name', (database) => {
  let bff: RunningBff;
  let env: Record<string, string>;
  let shiftMs = 0;
  const tokens: Record<string, string | undefined> = {};
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    env = { ...(await database.env()), AGENCY_BASE_URL: mock.url };
    // The first admin comes from the command line, as on a new deployment.
    const cli = spawnSync(
      path.resolve(__dirname, '../../node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', 'root', '--role', 'admin'],
      {
        cwd: path.resolve(__dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, ...env, OPERATOR_PASSWORD: 'first-admin-2026' },
      },
    );
    expect([cli.status, cli.stdout.trim()]).toEqual([0, 'created operator root (admin)']);
    bff = await startBff(env, { now: () => new Date(Date.now() + shiftMs) });
    tokens.admin = (await bff.gql(SIGN_IN, { u: 'root', p: 'first-admin-2026' })).body.data.operatorSignIn.token;
    for (const role of ['EDITOR', 'PUBLISHER']) {
      await bff.gql(CREATE, { u: role.toLowerCase(), p: `${role.toLowerCase()}-pass-2026`, r: role }, tokens.admin);
      tokens[role.toLowerCase()] = (
        await bff.gql(SIGN_IN, { u: role.toLowerCase(), p: `${role.toLowerCase()}-pass-2026` })
      ).body.data.operatorSignIn.token;
    }
    tokens.citizen = (await new Citizens(bff, mock).signIn()).accessToken;
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  it('signs in with the right password only, and stores no password', async () => {
    const ok = await bff.gql(SIGN_IN, { u: 'root', p: 'first-admin-2026' });
    expect(ok.body.data.operatorSignIn.operator).toEqual({ username: 'root', role: 'ADMIN' });
    expect(code((await bff.gql(SIGN_IN, { u: 'root', p: 'wrong-password-1' })).body)).toBe('OPERATOR_SIGN_IN_FAILED');
    expect(code((await bff.gql(SIGN_IN, { u: 'nobody', p: 'first-admin-2026' })).body)).toBe('OPERATOR_SIGN_IN_FAILED');
    const rows = await bff.built.services.db.selectFrom('operators').select(['username', 'password_hash']).execute();
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes('2026'))).toBe(true);
    // A citizen's token is not an operator's.
    expect(code((await bff.gql('{ operatorMe { username } }', {}, tokens.citizen)).body)).toBe('UNAUTHENTICATED');
  });

  it('locks an operator out after 5 wrong passwords in a row, even for the right one, for 15 minutes', async () => {
    await bff.gql(CREATE, { u: 'clumsy', p: 'clumsy-pass-2026', r: 'EDITOR' }, tokens.admin);
    for (let i = 0; i < 4; i++)
      expect(code((await bff.gql(SIGN_IN, { u: 'clumsy', p: `guess-${i}-000000` })).body)).toBe(
        'OPERATOR_SIGN_IN_FAILED',
      );
    const fifth = await bff.gql(SIGN_IN, { u: 'clumsy', p: 'guess-5-000000' });
    expect(fifth.body.errors?.[0].extensions).toEqual({ code: 'OPERATOR_LOCKED', until: expect.any(String) });
    expect(code((await bff.gql(SIGN_IN, { u: 'clumsy', p: 'clumsy-pass-2026' })).body)).toBe('OPERATOR_LOCKED');
    shiftMs = 16 * 60_000;
    expect(
      (await bff.gql(SIGN_IN, { u: 'clumsy', p: 'clumsy-pass-2026' })).body.data.operatorSignIn.operator.role,
    ).toBe('EDITOR');
    const trail = await bff.built.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', 'operator:clumsy')
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      'operator.create',
      'operator.sign-in-failed',
      'operator.sign-in-failed',
      'operator.sign-in-failed',
      'operator.sign-in-failed',
      'operator.locked',
      'operator.sign-in',
    ]);
  });

  it('checks the role of every operator operation on the server', async () => {
    const matrix: Array<[string, string, Record<string, unknown>, Record<string, string | null>]> = [
      [
        'operatorMe',
        '{ operatorMe { username } }',
        {},
        { anonymous: 'UNAUTHENTICATED', citizen: 'UNAUTHENTICATED', editor: null, publisher: null, admin: null },
      ],
      [
        'agencyStatus',
        '{ agencyStatus { name } }',
        {},
        { anonymous: 'UNAUTHENTICATED', citizen: 'UNAUTHENTICATED', editor: null, publisher: null, admin: null },
      ],
      [
        'createOperator',
        CREATE,
        { p: 'another-pass-2026', r: 'EDITOR' },
        {
          anonymous: 'UNAUTHENTICATED',
          citizen: 'UNAUTHENTICATED',
          editor: 'OPERATOR_ROLE_REQUIRED',
          publisher: 'OPERATOR_ROLE_REQUIRED',
          admin: null,
        },
      ],
    ];
    let n = 0;
    for (const [name, query, variables, expected] of matrix) {
      for (const [who, outcome] of Object.entries(expected)) {
        const { body } = await bff.gql(query, { ...variables, u: `new-${++n}` }, tokens[who]);
        expect([name, who, code(body) ?? null]).toEqual([name, who, outcome]);
      }
    }
  });

  it('records who created each operator in the audit log', async () => {
    const entries = await bff.built.services.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject'])
      .where('action', '=', 'operator.create')
      .orderBy('id')
      .execute();
    expect(entries.slice(0, 3)).toEqual([
      { actor: 'system:cli', action: 'operator.create', subject: 'operator:root' },
      { actor: 'operator:root', action: 'operator.create', subject: 'operator:editor' },
      { actor: 'operator:root', action: 'operator.create', subject: 'operator:publisher' },
    ]);
  });

  it('refuses weak passwords, taken names and bad roles with codes', async () => {
    expect(
      (await bff.gql(CREATE, { u: 'weak', p: 'short1', r: 'EDITOR' }, tokens.admin)).body.errors?.[0].extensions,
    ).toEqual({ code: 'OPERATOR_PASSWORD_WEAK', field: 'password' });
    expect(
      (await bff.gql(CREATE, { u: 'editor', p: 'editor-pass-2026', r: 'EDITOR' }, tokens.admin)).body.errors?.[0]
        .extensions,
    ).toEqual({ code: 'OPERATOR_EXISTS', field: 'username' });
    expect(
      (await bff.gql(CREATE, { u: 'Bad Name', p: 'good-pass-2026', r: 'EDITOR' }, tokens.admin)).body.errors?.[0]
        .extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(code((await bff.gql(CREATE, { u: 'x-role', p: 'good-pass-2026', r: 'ROOT' }, tokens.admin)).body)).toBe(
      'BAD_USER_INPUT',
    );
  });
});
