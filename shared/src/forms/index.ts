/**
 * Application forms: the schema operators write and the one validator the app and
 * the BFF both run. The test cases (cases.ts) are not exported here, so they stay out
 * of the app bundle; tests import them from '@citizen/shared/src/forms/cases'.
 */
export * from './schema';
export * from './validate';
export * from './normalise';
