/**
 * One jest run over every workspace. Each project is a workspace (miniapp has three:
 * components in jsdom, the platform builds, and the tests that need built output).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
const node = (name, roots, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  transform: { '^.+\\.(t|j)sx?$': swc },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  ...extra,
});

module.exports = {
  // A safety net, not a speed target (benchmarks measure speed): starting the agencies'
  // process and a BFF can take several seconds on a busy 2-core machine.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  projects: [
    node('shared', ['<rootDir>/shared/src']),
    node('mock-data', ['<rootDir>/mock-data/src']),
    node('bff', ['<rootDir>/bff/src', '<rootDir>/bff/test']),
    node('miniapp', ['<rootDir>/miniapp/src'], {
      testEnvironment: 'jsdom',
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/miniapp/test/stand-ins/components.tsx',
        '^@tarojs/taro$': '<rootDir>/miniapp/test/stand-ins/taro.ts',
        '^\\./adapter$': '<rootDir>/miniapp/test/stand-ins/platform.ts',
        '\\.(s?css)$': '<rootDir>/miniapp/test/stand-ins/style.ts',
      },
    }),
    node('miniapp-build', ['<rootDir>/miniapp/test/build']),
    node('miniapp-e2e', ['<rootDir>/miniapp/test/e2e'], { transformIgnorePatterns: ['/node_modules/', '/dist/'] }),
  ],
};
