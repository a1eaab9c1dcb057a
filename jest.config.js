/**
 * Four suites: pure rules (run under two time zones by scripts/test.sh), node integration, the
 * function and use-case tests a second time on the CloudBase store, browser e2e.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
]
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
  // TypeScript first: a function folder also holds its built bundle (index.js), which must never
  // stand in for the source (index.ts) in a test.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
  // `cookie` 2 (pulled in by Fastify's inject) and zod's single locale files ship ESM only.
  transformIgnorePatterns: ['^(?!.*/node_modules/(cookie|zod)/).*/node_modules/'],
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'domain',
      testMatch: ['<rootDir>/tests/{domain,contracts,constants}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'node',
      testMatch: [
        '<rootDir>/tests/{cloudfunctions,server,stores,scripts,components,fault,fuzz,security}/**/*.test.ts?(x)',
      ],
    },
    {
      // The same function and use-case tests as in `node`, with `testDeps()` over the production
      // CloudBase adapter on the real node-sdk over the database double instead of SQLite.
      ...common,
      displayName: 'cloudbase',
      testMatch: [
        '<rootDir>/tests/cloudfunctions/{functions,authorisation-matrix,*-functions}.test.ts',
        '<rootDir>/tests/cloudfunctions/_shared/{account-closure,points-credit,rate-limits}.test.ts',
        '<rootDir>/tests/cloudfunctions/_shared/use-cases/**/*.test.ts',
      ],
      setupFiles: ['<rootDir>/tests/support/on-cloudbase-store.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/support/timeout.ts'],
    },
  ],
}
