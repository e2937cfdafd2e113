import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateAnswers } from '@citizen/shared';
import { FORM_VALIDATION_CASES } from '@citizen/shared/src/forms/cases';
import { Citizens, startBff, startMockData, type MockData, type RunningBff } from './helpers';

/**
 * The shared table of form cases, through the BFF's submit path: each case's schema
 * becomes a service, its answers are submitted over HTTP, and the server must reach
 * the same verdict as the app's inline check (the shared validator, on the same China
 * day: on CASES_TODAY that is the table's own verdict). The server never trusts the client.
 */
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id status } }`;

let mock: MockData;
let bff: RunningBff;
let token: string;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
  bff = await startBff({ AGENCY_BASE_URL: mock.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'form-cases-')) });
  token = (await new Citizens(bff, mock, 900).verified()).accessToken;
  const now = new Date().toISOString();
  await bff.built.services.db
    .insertInto('service_definitions')
    .values(
      FORM_VALIDATION_CASES.map((c, i) => ({
        id: `case-${i}`,
        title: c.name.slice(0, 100),
        title_en: c.name.slice(0, 100),
        category_id: 'legal',
        lines: 'DO',
        description: '',
        description_en: '',
        required_level: 2,
        departments: JSON.stringify(['education']),
        promised_days: 1,
        fees: '免费',
        fees_en: 'Free',
        materials: '[]',
        form: JSON.stringify(c.schema),
        status: 'published',
        updated_at: now,
      })),
    )
    .execute();
}, 60_000);
afterAll(async () => {
  await bff.stop();
  await mock.stop();
});

/** The day in China now: the BFF judges dates on it. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

// Left out: cases that pass a skip list or prefill fields (the BFF makes those itself from
// the records) and bodies that are not JSON objects (refused before the validator).
const cases = FORM_VALIDATION_CASES.map((c, i) => [c.name, c, i] as const).filter(
  ([, c]) =>
    !c.skipFields &&
    !c.schema.fields.some((f) => f.prefill) &&
    typeof c.answers === 'object' &&
    c.answers !== null &&
    !Array.isArray(c.answers),
);

it('runs most of the shared table', () => {
  expect(cases.length).toBeGreaterThan(FORM_VALIDATION_CASES.length * 0.8);
});

it.each(cases)('%s', async (_name, c, i) => {
  const verdict = validateAnswers(c.schema, c.answers, { today: today() });
  const { body } = await bff.gql(SUBMIT, { s: `case-${i}`, a: c.answers, k: `case-${i}-key-${Date.now()}` }, token);
  if (verdict.ok) {
    // Valid: stored, unless it names a licence or upload that is not this citizen's (they are checked after the schema).
    const answered = c.schema.fields.filter(
      (f) => (f.type === 'licence' || f.type === 'file') && verdict.answers[f.id],
    );
    if (answered.length)
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: answered[0]!.type === 'licence' ? 'LICENCE_NOT_YOURS' : 'UPLOAD_NOT_FOUND',
        field: answered[0]!.id,
      });
    else expect(body.data?.submitApplication.status).toBe('SUBMITTED');
  } else {
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: verdict.errors[0]!.code, errors: verdict.errors });
  }
});
