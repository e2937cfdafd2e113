import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBff } from '../../bff/test/helpers';
import { startMockData } from '../../test-support/stack';
import {
  MaterialsApplicants,
  materialsTable,
  measureMaterials,
  publishedServiceIds,
  type MaterialsRow,
} from '../../test-support/materials';

/**
 * Zero materials (BENCH_ONLY=materials, issue 19): for every published service, the
 * fields a citizen who holds the records must still type and the uploads they must make
 * with every agency answering, and how many fields are typed when each agency the form
 * reads is down in turn. The same measurement the materials test asserts on
 * (test-support/materials.ts), over a fresh database with the seed catalogue; the BFF runs
 * in this process because the published list is read from its database.
 */
export async function materialsBench(): Promise<void> {
  const mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-materials-'));
  // Counts, not speed: generous timeouts, so a busy machine does not turn a slow answer into a typed field.
  const bff = await startBff({
    DATA_DIR: dataDir,
    AGENCY_BASE_URL: mock.url,
    LOG_LEVEL: 'warn',
    UPSTREAM_RETRIES: '0',
    UPSTREAM_TIMEOUT_MS: '10000',
    REQUEST_DEADLINE_MS: '20000',
    OUTBOX_POLL_MS: '60000',
    DEPARTMENT_POLL_MS: '600000',
  });
  try {
    const published = await publishedServiceIds(bff);
    const applicants = new MaterialsApplicants(bff, mock);
    const rows: MaterialsRow[] = [];
    for (const serviceId of published)
      rows.push(await measureMaterials(bff, mock, await applicants.for(serviceId), serviceId));
    const worst = Math.max(...rows.map((r) => r.count.typed.length));
    const govUploads = rows.reduce((n, r) => n + r.count.governmentUploads.length, 0);
    const degraded = rows.flatMap((r) => r.degraded.map((d) => d.typed - r.count.typed.length));
    console.log(
      `\nZero materials: ${rows.length} published services, a citizen who holds the records, every agency answering (goal: ≤ 2 typed, 0 government uploads)`,
    );
    console.log(
      `  most typed fields in one service: ${worst}; government-issued uploads: ${govUploads}; with one agency down, up to ${Math.max(0, ...degraded)} more fields to type`,
    );
    console.log(materialsTable(rows));
    const missed = rows.flatMap((r) =>
      r.form.unfilled
        .filter((u) => u.code !== 'PREFILL_NO_RECORD')
        .map((u) => `${r.serviceId}.${u.fieldId} (${u.code})`),
    );
    if (missed.length > 0)
      console.log(`  not read although every agency was up (counted as typed above): ${missed.join(', ')}`);
  } finally {
    await bff.stop();
    await mock.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
