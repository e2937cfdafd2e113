import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AGENCIES } from '@citizen/shared';
import { buildMockApp, type MockApp } from '../app';
import { loadMockConfig } from '../config';
import { DEPARTMENTS, MORE_INFO_REASON } from '../agencies/departments';
import { generateWorld } from '../data/generate';

type Call = (
  path: string,
  init?: RequestInit & { json?: unknown; key?: string },
) => Promise<{ status: number; body: any }>;

const world = generateWorld({ seed: 7, people: 100, vehicles: 10 });

/** A mock app on a real port, with the departments at the given pace. */
async function start(pace: number): Promise<{ mock: MockApp; server: Server; base: string; call: Call }> {
  const mock = buildMockApp(
    loadMockConfig({ MOCK_PEOPLE: '100', MOCK_VEHICLES: '10', MOCK_DEPARTMENT_PACE_MS: String(pace) }),
    world,
  );
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: Call = async (path, init) => {
    const response = await fetch(base + path, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init?.key !== undefined ? { 'Idempotency-Key': init.key } : {}),
        ...(init?.headers ?? {}),
      },
      body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return { mock, server, base, call };
}

async function stop({ mock, server }: { mock: MockApp; server: Server }): Promise<void> {
  mock.close();
  await new Promise((resolve) => server.close(resolve));
}

let serial = 0;
const application = (overrides: Record<string, unknown> = {}) => ({
  reference: `APP-TEST-${++serial}`,
  serviceId: 'school-enrolment',
  applicant: { idNumber: world.people[0].idNumber, name: world.people[0].name },
  answers: { school: '第一实验小学' },
  attachments: [
    { kind: 'licence', ref: 'LIC-1', name: '居民身份证' },
    { kind: 'upload', ref: 'UP-9' },
  ],
  ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the case reaches `status` or the deadline passes. */
async function waitFor(call: Call, agency: string, receiptNo: string, status: string, deadlineMs = 3000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const { body } = await call(`/${agency}/v1/applications/${receiptNo}`);
    if (body.status === status || Date.now() > until) return body;
    await sleep(10);
  }
}

describe('departments taking applications (manual progress)', () => {
  let ctx: Awaited<ReturnType<typeof start>>;
  let call: Call;
  beforeAll(async () => {
    ctx = await start(0);
    call = ctx.call;
  });
  afterAll(() => stop(ctx));
  afterEach(() => ctx.mock.faults.reset());

  it('lists every department as its own agency, in the shared AGENCIES list and at GET /', async () => {
    const names = ctx.mock.agencies.map((a) => a.name);
    for (const d of DEPARTMENTS) {
      expect(names).toContain(d.name);
      expect(AGENCIES).toContain(d.name);
      expect((await call(`/${d.name}/healthz`)).body).toEqual({ status: 'ok', agency: d.name });
    }
    expect(names.filter((n) => !(AGENCIES as readonly string[]).includes(n))).toEqual([]);
    const root = (await call('/')).body;
    expect(root.departments).toHaveLength(8);
    expect(root.departments).toContainEqual({
      name: 'education',
      title: 'Education Bureau',
      titleZh: '教育局',
      receiptPrefix: 'EDU',
      openapi: '/openapi/education.json',
    });
    expect(root.agencies.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['talent', 'exit-entry', 'market-regulation']),
    );
  });

  it('opens one case per Idempotency-Key: 201 first, 200 with the same receipt on a retry', async () => {
    const body = application();
    const first = await call('/education/v1/applications', { method: 'POST', key: 'k-once', json: body });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      receiptNo: expect.stringMatching(/^EDU-\d{4}-\d{6}$/),
      reference: body.reference,
      status: 'RECEIVED',
      receivedAt: expect.any(String),
    });
    expect(new Date(first.body.receivedAt).toISOString()).toBe(first.body.receivedAt);
    const again = await call('/education/v1/applications', { method: 'POST', key: 'k-once', json: body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const { body: listed } = await call(`/education/dev/applications?reference=${body.reference}`);
    expect(listed.applications).toEqual([
      expect.objectContaining({
        reference: body.reference,
        receiptNo: first.body.receiptNo,
        status: 'RECEIVED',
        deliveries: 2,
        serviceId: 'school-enrolment',
        answers: body.answers,
        attachments: body.attachments,
      }),
    ]);
    const events = (await call('/education/v1/events')).body.events.filter(
      (e: { reference: string }) => e.reference === body.reference,
    );
    expect(events.map((e: { status: string }) => e.status)).toEqual(['RECEIVED']);
    // Receipts are per department: a second department numbers its own.
    const tax = await call('/tax/v1/applications', { method: 'POST', key: 'k-once', json: body });
    expect(tax.status).toBe(201);
    expect(tax.body.receiptNo).toMatch(/^TAX-\d{4}-000001$/);
  });

  it('refuses a hand-over without an Idempotency-Key or with a bad body', async () => {
    const missing = await call('/education/v1/applications', { method: 'POST', json: application() });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'BAD_REQUEST', message: expect.stringMatching(/Idempotency-Key/) });
    const bads = [
      {},
      application({ reference: '' }),
      application({ serviceId: 7 }),
      application({ applicant: { idNumber: world.people[0].idNumber } }),
      application({ answers: { age: 7 } }),
      application({ attachments: [{ kind: 'photo', ref: 'x' }] }),
      application({ attachments: undefined }),
    ];
    for (const [i, json] of bads.entries()) {
      const res = await call('/education/v1/applications', { method: 'POST', key: `bad-${i}`, json });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'BAD_REQUEST', message: expect.any(String) });
    }
    const broken = await call('/education/v1/applications', { method: 'POST', key: 'bad-json', body: '{"reference":' });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('BAD_REQUEST');
    expect(
      (await call('/education/dev/applications')).body.applications.some(
        (a: { reference: string }) => a.reference === '',
      ),
    ).toBe(false);
  });

  it('answers 409 DUPLICATE_REFERENCE for the same reference under another key', async () => {
    const body = application();
    expect((await call('/housing/v1/applications', { method: 'POST', key: 'dup-1', json: body })).status).toBe(201);
    const dup = await call('/housing/v1/applications', { method: 'POST', key: 'dup-2', json: body });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('DUPLICATE_REFERENCE');
    const listed = (await call(`/housing/dev/applications?reference=${body.reference}`)).body.applications;
    expect(listed).toHaveLength(1);
    expect(listed[0].deliveries).toBe(1);
  });

  it('serves the event feed in order, after a cursor and in pages', async () => {
    const agency = 'market-regulation';
    const refs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = application();
      refs.push(body.reference);
      await call(`/${agency}/v1/applications`, { method: 'POST', key: `feed-${i}`, json: body });
    }
    await call(`/${agency}/dev/applications/${refs[0]}/decide`, { method: 'POST', json: { status: 'ACCEPTED' } });
    const all = (await call(`/${agency}/v1/events`)).body;
    expect(all.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.lastSeq).toBe(6);
    expect(all.events.map((e: { reference: string; status: string }) => [e.reference, e.status])).toEqual([
      ...refs.map((r) => [r, 'RECEIVED']),
      [refs[0], 'ACCEPTED'],
    ]);
    expect(all.events[0]).toEqual({
      seq: 1,
      eventId: expect.any(String),
      receiptNo: expect.stringMatching(/^AMR-/),
      reference: refs[0],
      status: 'RECEIVED',
      reason: null,
      at: expect.any(String),
    });
    expect(new Set(all.events.map((e: { eventId: string }) => e.eventId)).size).toBe(6);

    const page = (await call(`/${agency}/v1/events?after=2&limit=3`)).body;
    expect(page.events.map((e: { seq: number }) => e.seq)).toEqual([3, 4, 5]);
    expect(page.lastSeq).toBe(5);
    const rest = (await call(`/${agency}/v1/events?after=${page.lastSeq}&limit=3`)).body;
    expect(rest.events.map((e: { seq: number }) => e.seq)).toEqual([6]);
    expect(rest.lastSeq).toBe(6);
    expect((await call(`/${agency}/v1/events?after=6`)).body).toEqual({ events: [], lastSeq: 6 });
    // A cursor past the feed (the simulator restarted): lastSeq points back to its latest.
    expect((await call(`/${agency}/v1/events?after=99`)).body).toEqual({ events: [], lastSeq: 6 });
    for (const query of ['after=-1', 'after=x', 'limit=0', 'limit=201', 'limit=2.5'])
      expect((await call(`/${agency}/v1/events?${query}`)).status).toBe(400);
    expect((await call(`/${agency}/v1/events?limit=200`)).status).toBe(200);
    // Each department keeps its own sequence.
    expect((await call('/talent/v1/events')).body).toEqual({ events: [], lastSeq: 0 });
  });

  it('lets the dev route decide, and refuses to move a case that is final', async () => {
    const body = application();
    const { body: receipt } = await call('/exit-entry/v1/applications', {
      method: 'POST',
      key: 'decide-1',
      json: body,
    });
    const decided = await call(`/exit-entry/dev/applications/${body.reference}/decide`, {
      method: 'POST',
      json: { status: 'REJECTED', reason: '证件已过期' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      receiptNo: receipt.receiptNo,
      reference: body.reference,
      status: 'REJECTED',
      reason: '证件已过期',
    });
    const state = (await call(`/exit-entry/v1/applications/${receipt.receiptNo}`)).body;
    expect(state).toMatchObject({
      receiptNo: receipt.receiptNo,
      reference: body.reference,
      status: 'REJECTED',
      reason: '证件已过期',
    });
    expect(state.history.map((e: { status: string }) => e.status)).toEqual(['RECEIVED', 'REJECTED']);

    const again = await call(`/exit-entry/dev/applications/${body.reference}/decide`, {
      method: 'POST',
      json: { status: 'APPROVED' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('WRONG_STATE');
    expect(
      (await call('/exit-entry/dev/applications/APP-NOBODY/decide', { method: 'POST', json: { status: 'APPROVED' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(`/exit-entry/dev/applications/${body.reference}/decide`, {
          method: 'POST',
          json: { status: 'RECEIVED' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(`/exit-entry/dev/applications/${body.reference}/decide`, {
          method: 'POST',
          json: { status: 'DONE' },
        })
      ).status,
    ).toBe(400);
    expect((await call('/exit-entry/v1/applications/EEA-2026-999999')).status).toBe(404);

    const other = application();
    await call('/exit-entry/v1/applications', { method: 'POST', key: 'decide-2', json: other });
    for (const status of ['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']) {
      expect(
        (await call(`/exit-entry/dev/applications/${other.reference}/decide`, { method: 'POST', json: { status } }))
          .status,
      ).toBe(200);
    }
    expect(
      (
        await call(`/exit-entry/dev/applications/${other.reference}/decide`, {
          method: 'POST',
          json: { status: 'REJECTED' },
        })
      ).status,
    ).toBe(409);
  });

  it('answers CORS on the dev routes only', async () => {
    const res = await fetch(`${ctx.base}/talent/dev/applications`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const api = await fetch(`${ctx.base}/talent/v1/events`);
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes a supplement only when more information was requested, once per key', async () => {
    const body = application();
    const { body: receipt } = await call('/tax/v1/applications', { method: 'POST', key: 'supp-case', json: body });
    const path = `/tax/v1/applications/${receipt.receiptNo}/supplements`;
    const supplement = {
      note: '已补充收入证明',
      attachments: [{ kind: 'upload', ref: 'UP-42', name: '收入证明.jpg' }],
    };

    const early = await call(path, { method: 'POST', key: 'supp-0', json: supplement });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('WRONG_STATE');
    expect((await call(path, { method: 'POST', json: supplement })).status).toBe(400);
    expect(
      (
        await call('/tax/v1/applications/TAX-2026-999999/supplements', {
          method: 'POST',
          key: 'supp-x',
          json: supplement,
        })
      ).status,
    ).toBe(404);

    await call(`/tax/dev/applications/${body.reference}/decide`, {
      method: 'POST',
      json: { status: 'MORE_INFO_REQUESTED', reason: MORE_INFO_REASON },
    });
    expect((await call(path, { method: 'POST', key: 'supp-bad', json: { attachments: [] } })).status).toBe(400);
    const first = await call(path, { method: 'POST', key: 'supp-1', json: supplement });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      receiptNo: receipt.receiptNo,
      reference: body.reference,
      status: 'IN_REVIEW',
      receivedAt: expect.any(String),
    });
    const replay = await call(path, { method: 'POST', key: 'supp-1', json: supplement });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    // A new key now the case is back in review is the wrong state.
    expect((await call(path, { method: 'POST', key: 'supp-2', json: supplement })).status).toBe(409);

    const state = (await call(`/tax/v1/applications/${receipt.receiptNo}`)).body;
    expect(state.history.map((e: { status: string }) => e.status)).toEqual([
      'RECEIVED',
      'MORE_INFO_REQUESTED',
      'IN_REVIEW',
    ]);
    expect(state.history[1].reason).toBe(MORE_INFO_REASON);
    const [listed] = (await call(`/tax/dev/applications?reference=${body.reference}`)).body.applications;
    expect(listed.supplements).toEqual([{ note: supplement.note, attachments: supplement.attachments, deliveries: 2 }]);
  });

  it('keeps the provident fund and social insurance record routes while they take applications', async () => {
    const [id] = world.providentFund.keys();
    const account = await call(`/provident-fund/v1/accounts/${id}`);
    expect(account.status).toBe(200);
    expect(account.body.idNumber).toBe(id);
    expect(
      (await call('/provident-fund/v1/accounts/batch', { method: 'POST', json: { idNumbers: [id] } })).body.accounts[0]
        .idNumber,
    ).toBe(id);
    expect((await call(`/social-insurance/v1/insured/${id}/payments?months=3`)).body.payments.length).toBeGreaterThan(
      0,
    );

    const withdrawal = application({ serviceId: 'provident-fund-withdrawal', answers: { reason: '购房' } });
    const created = await call('/provident-fund/v1/applications', { method: 'POST', key: 'hpf-1', json: withdrawal });
    expect(created.status).toBe(201);
    expect(created.body.receiptNo).toMatch(/^HPF-\d{4}-\d{6}$/);
    const certificate = await call('/social-insurance/v1/applications', {
      method: 'POST',
      key: 'si-1',
      json: application({ serviceId: 'social-insurance-certificate' }),
    });
    expect(certificate.body.receiptNo).toMatch(/^SI-\d{4}-\d{6}$/);
    expect(
      (await call('/provident-fund/v1/events')).body.events.map((e: { reference: string }) => e.reference),
    ).toEqual([withdrawal.reference]);
  });

  it('answers 503 for a department switched down, leaving the others alone', async () => {
    expect((await call('/admin/faults/education', { method: 'PUT', json: { mode: 'down' } })).status).toBe(200);
    const refused = application();
    const down = await call('/education/v1/applications', { method: 'POST', key: 'down-1', json: refused });
    expect(down.status).toBe(503);
    expect(down.body.error).toBe('SERVICE_UNAVAILABLE');
    expect((await call('/education/v1/events')).status).toBe(503);
    expect((await call('/education/healthz')).status).toBe(503);
    expect((await call('/tax/v1/events')).status).toBe(200);
    expect((await call('/admin/faults/talent', { method: 'PUT', json: { mode: 'down' } })).status).toBe(200);
    expect((await call('/talent/dev/applications')).status).toBe(503);
    await call('/admin/faults', { method: 'DELETE' });
    expect((await call('/education/v1/events')).status).toBe(200);
    // Nothing was created while it was down.
    expect((await call(`/education/dev/applications?reference=${refused.reference}`)).body.applications).toEqual([]);
  });

  it('describes every route in its OpenAPI document, with the Idempotency-Key header', async () => {
    const routes = [
      '/v1/applications',
      '/v1/events',
      '/v1/applications/{receiptNo}',
      '/v1/applications/{receiptNo}/supplements',
      '/dev/applications/{reference}/decide',
      '/dev/applications',
    ];
    for (const d of DEPARTMENTS) {
      const { status, body } = await call(`/openapi/${d.name}.json`);
      expect(status).toBe(200);
      for (const route of routes) expect(Object.keys(body.paths)).toContain(`/${d.name}${route}`);
      const create = body.paths[`/${d.name}/v1/applications`].post;
      expect(create.summary).toMatch(/Idempotency-Key/);
      expect(create.parameters).toContainEqual({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        schema: { type: 'string' },
      });
      expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '409', '503']));
      expect(body.paths[`/${d.name}/v1/applications/{receiptNo}/supplements`].post.summary).toMatch(/Idempotency-Key/);
    }
    const fund = (await call('/openapi/provident-fund.json')).body;
    expect(Object.keys(fund.paths)).toEqual(
      expect.arrayContaining([
        '/provident-fund/v1/accounts/{idNumber}',
        '/provident-fund/v1/accounts/batch',
        '/provident-fund/v1/applications',
      ]),
    );
    const insurance = (await call('/openapi/social-insurance.json')).body;
    expect(Object.keys(insurance.paths)).toContain('/social-insurance/v1/insured/{idNumber}/payments');
    expect((await call('/openapi/education.json')).body.info.title).toBe('Education Bureau (教育局)');
  });
});

describe('departments moving applications on their own', () => {
  const PACE = 30;
  let ctx: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    ctx = await start(PACE);
  });
  afterAll(() => stop(ctx));

  const statuses = (state: { history: Array<{ status: string }> }) => state.history.map((e) => e.status);

  it('moves a case RECEIVED → ACCEPTED → IN_REVIEW → APPROVED → COMPLETED, one step per pace', async () => {
    const body = application();
    const started = Date.now();
    const { body: receipt } = await ctx.call('/education/v1/applications', {
      method: 'POST',
      key: 'pace-1',
      json: body,
    });
    const done = await waitFor(ctx.call, 'education', receipt.receiptNo, 'COMPLETED');
    expect(done.status).toBe('COMPLETED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * PACE - 5);
    expect(statuses(done)).toEqual(['RECEIVED', 'ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']);
    const gaps = done.history
      .slice(1)
      .map((e: { at: string }, i: number) => Date.parse(e.at) - Date.parse(done.history[i].at));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(PACE - 5);
    // The feed carries the same steps, and nothing moves after COMPLETED.
    await sleep(3 * PACE);
    const feed = (await ctx.call('/education/v1/events')).body.events.filter(
      (e: { reference: string }) => e.reference === body.reference,
    );
    expect(feed.map((e: { status: string }) => e.status)).toEqual(statuses(done));
  });

  it('asks for more information when the remark says 补正, and carries on after a supplement', async () => {
    const body = application({ answers: { remark: '材料需补正后提交' } });
    const { body: receipt } = await ctx.call('/housing/v1/applications', { method: 'POST', key: 'pace-2', json: body });
    const asked = await waitFor(ctx.call, 'housing', receipt.receiptNo, 'MORE_INFO_REQUESTED');
    expect(asked).toMatchObject({ status: 'MORE_INFO_REQUESTED', reason: MORE_INFO_REASON });
    expect(statuses(asked)).toEqual(['RECEIVED', 'ACCEPTED', 'IN_REVIEW', 'MORE_INFO_REQUESTED']);
    // It waits for the applicant.
    await sleep(3 * PACE);
    expect((await ctx.call(`/housing/v1/applications/${receipt.receiptNo}`)).body.status).toBe('MORE_INFO_REQUESTED');

    const supplied = await ctx.call(`/housing/v1/applications/${receipt.receiptNo}/supplements`, {
      method: 'POST',
      key: 'pace-2-supp',
      json: { note: '已补正' },
    });
    expect(supplied.status).toBe(201);
    const done = await waitFor(ctx.call, 'housing', receipt.receiptNo, 'COMPLETED');
    expect(statuses(done)).toEqual([
      'RECEIVED',
      'ACCEPTED',
      'IN_REVIEW',
      'MORE_INFO_REQUESTED',
      'IN_REVIEW',
      'APPROVED',
      'COMPLETED',
    ]);
  });

  it('stops the automatic steps of a case someone decided on by hand', async () => {
    const body = application();
    const { body: receipt } = await ctx.call('/talent/v1/applications', { method: 'POST', key: 'pace-3', json: body });
    await ctx.call(`/talent/dev/applications/${body.reference}/decide`, {
      method: 'POST',
      json: { status: 'IN_REVIEW' },
    });
    await sleep(5 * PACE);
    const state = (await ctx.call(`/talent/v1/applications/${receipt.receiptNo}`)).body;
    expect(statuses(state)).toEqual(['RECEIVED', 'IN_REVIEW']);
    expect(
      (await ctx.call(`/talent/dev/applications?reference=${body.reference}`)).body.applications[0].automatic,
    ).toBe(false);
  });

  it('stops every timer on close()', async () => {
    const other = await start(PACE);
    try {
      const body = application();
      const { body: receipt } = await other.call('/tax/v1/applications', { method: 'POST', key: 'pace-4', json: body });
      other.mock.close();
      await sleep(3 * PACE);
      expect((await other.call(`/tax/v1/applications/${receipt.receiptNo}`)).body.status).toBe('RECEIVED');
    } finally {
      await stop(other);
    }
  });

  it('reads the pace from MOCK_DEPARTMENT_PACE_MS: 4000 ms unless set, never negative', () => {
    expect(loadMockConfig({}).MOCK_DEPARTMENT_PACE_MS).toBe(4000);
    expect(loadMockConfig({ MOCK_DEPARTMENT_PACE_MS: '0' }).MOCK_DEPARTMENT_PACE_MS).toBe(0);
    expect(() => loadMockConfig({ MOCK_DEPARTMENT_PACE_MS: '-1' })).toThrow(/MOCK_DEPARTMENT_PACE_MS/);
    expect(() => loadMockConfig({ MOCK_DEPARTMENT_PACE_MS: 'soon' })).toThrow(/MOCK_DEPARTMENT_PACE_MS/);
  });
});
