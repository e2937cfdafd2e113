// ESLint for every workspace (issue 12). `npm run lint` runs it with --max-warnings 0, and
// `npm test` runs that first. Not the type-checked typescript-eslint set: it would make
// every lint a full type check (`npm run typecheck` does that already, once).
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Tests and the code that only tests and benchmarks run. */
const testFiles = [
  '**/__tests__/**',
  '**/*.test.{ts,tsx}',
  'bff/test/**',
  'miniapp/test/**',
  'test-support/**',
  'scripts/bench.ts',
  'scripts/bench/**',
];

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/coverage/**',
    '**/test-artifacts/**',
    '**/.swc/**',
    'data/**',
    'miniapp/.temp/**',
    'miniapp/.cache/**',
    // Generated (each file says by what); regenerate rather than edit.
    'shared/src/graphql/generated.ts',
    'bff/src/generated/**',
    '**/*.generated.ts',
    'miniapp/src/components/icons/tabler.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose: a callback's
      // position, or a field taken out of an object so the rest can be passed on.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The ideographic space (U+3000) separates label and value in Chinese text on purpose;
      // it is still caught in code and comments.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    // The few plain-JavaScript files are Node scripts and configs (jest, babel, Taro).
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS files have no other way to import.
  },
  {
    files: testFiles,
    rules: {
      // Tests read untyped JSON answers from real servers and walk them; `expect` checks the
      // shape at run time, so a declared type there would only be an unchecked cast.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // React code: the app and the test stand-in for Taro's page hooks.
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/test/stand-ins/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/test/stand-ins/**/*.{ts,tsx}'],
    rules: {
      // Compiler rules from v7's recommended set that are off. They are advice for code the
      // React Compiler memoises; this app is not compiled by it, and what they flag here is
      // the app's intended pattern rather than a bug:
      // - set-state-in-effect: every load-on-mount/on-change effect resets its loading or
      //   error state first, and the shared stores (preferences, acting-for) sync on subscribe.
      'react-hooks/set-state-in-effect': 'off',
      // - purity: Date.now() in render is how screens show time-dependent state (a rating
      //   offered once an appointment has begun, today's date in the form preview); without
      //   compiler memoisation such a read is recomputed on every render, never stale.
      'react-hooks/purity': 'off',
    },
  },
  // Last: turns off the stylistic rules Prettier owns.
  prettier,
);
