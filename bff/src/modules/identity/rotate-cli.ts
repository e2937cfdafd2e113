/**
 * `npm run rotate-keys`: re-encrypts stored personal data under the current
 * DATA_ENCRYPTION_KEY, in batches, while the instances keep serving (they hold the
 * previous keys in DATA_ENCRYPTION_OLD_KEYS until this reports 0 left). The procedure
 * is in the README. Prints counts only, never a value.
 */
import { ConfigError, loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { createLogger } from '../../logger';
import { loadKeys } from './keys';
import { PersonalDataVault } from './vault';
import { rotatePersonalData, valuesUnderOldKeys } from './rotate';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = loadKeys(config);
  const vault = new PersonalDataVault(keys.dataKey, keys.idHashKey, keys.oldDataKeys);
  const database = openDatabase(config);
  try {
    const report = await rotatePersonalData(database.db, vault, {
      schema: config.DATABASE_SCHEMA,
      batchSize: Number(process.env.ROTATE_BATCH_SIZE ?? 200),
      pauseMs: 20,
      logger: createLogger(config.LOG_LEVEL),
    });
    const left = await valuesUnderOldKeys(database.db, vault, config.DATABASE_SCHEMA);
    console.log(
      `re-encrypted under key ${vault.currentKeyId}: ${JSON.stringify(report.reencrypted)}; unreadable ${report.unreadable}; left under other keys ${left}`,
    );
    if (left > 0) process.exitCode = 2;
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `rotation failed: ${(error as Error).message}`);
  process.exit(1);
});
