/**
 * Creates an operator from the command line (the first admin has no one to create
 * them): npm run operator:create -- --username admin --role admin
 * The password comes from OPERATOR_PASSWORD or is asked for on the terminal, never
 * from an argument (it would stay in the shell history).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config';
import { migrate, openDatabase } from '../../db';
import { AppError } from '../../errors';
import { loadKeys } from '../identity/keys';
import { OperatorService } from './service';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string', default: 'admin' } },
  });
  if (!values.username)
    throw new Error('usage: npm run operator:create -- --username NAME [--role editor|publisher|admin]');
  let password = process.env.OPERATOR_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password (12+ characters, letters and digits): ');
    rl.close();
  }
  const config = loadConfig();
  const database = openDatabase(config);
  try {
    await migrate(database, config.DATABASE_SCHEMA);
    const operators = new OperatorService({ db: database.db, secret: loadKeys(config).sessionSecret, config });
    const created = await operators.create(values.username, password, values.role!);
    console.log(`created operator ${created.username} (${created.role})`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : error instanceof AppError
        ? `${error.code}: ${error.message}`
        : (error as Error).message,
  );
  process.exit(1);
});
