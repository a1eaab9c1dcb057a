/* The layer rules of STYLE.md, checked: each folder may import only what its layer allows. */
const RUNTIME_PACKAGES = [
  '@tarojs/*',
  '@cloudbase/*',
  'react',
  'react-dom',
  'zustand',
  'better-sqlite3',
  'node:*',
  'fs',
  'path',
  'crypto',
]
const pure = (extra = []) => ({
  'no-restricted-imports': ['error', { patterns: [...RUNTIME_PACKAGES, ...extra] }],
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: 'Pass `now` in: domain rules never read the clock.',
    },
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'Pass `now` in: domain rules never read the clock.',
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'Domain rules are deterministic.',
    },
  ],
})

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'import', 'react-hooks'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react-hooks/recommended',
  ],
  env: { es2022: true, node: true, browser: true },
  settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
  ignorePatterns: [
    'dist/',
    'dist-h5/',
    'node_modules/',
    'cloudfunctions/*/index.js',
    'cloudfunctions/*/node-sdk.js',
    'coverage/',
  ],
  rules: {
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
    ],
    'no-console': ['error', { allow: ['error'] }],
    'no-extra-semi': 'off',
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          {
            target: './src/domain',
            from: [
              './src/contracts',
              './src/services',
              './src/stores',
              './src/pages',
              './src/components',
              './src/staff',
              './cloudfunctions',
              './server',
            ],
            message: 'Domain is pure.',
          },
          {
            target: './src/contracts',
            from: [
              './src/services',
              './src/stores',
              './src/pages',
              './src/components',
              './src/staff',
              './cloudfunctions',
              './server',
            ],
          },
          {
            target: './cloudfunctions/_shared/use-cases',
            from: [
              './cloudfunctions/_shared/adapters',
              './server',
              './src/services',
              './src/stores',
              './src/pages',
            ],
            message: 'Use cases talk to ports, not adapters.',
          },
          {
            target: './src/stores',
            from: ['./src/pages', './src/components', './src/staff', './src/services/cloud.ts'],
            message: 'Stores reach the backend through services/*.api.ts.',
          },
          {
            target: ['./src/pages', './src/components', './src/staff'],
            from: ['./src/services', './cloudfunctions', './server'],
            message: 'Pages go through stores.',
          },
          {
            target: './server',
            from: [
              './src/pages',
              './src/stores',
              './src/components',
              './src/staff',
              './src/services',
            ],
          },
        ],
      },
    ],
  },
  overrides: [
    {
      files: ['src/domain/**', 'src/contracts/**'],
      rules: pure(['@/services/*', '@/stores/*', '@/pages/*', '@/components/*']),
    },
    {
      files: ['cloudfunctions/_shared/use-cases/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: ['@cloudbase/*', 'better-sqlite3'] }],
      },
    },
    {
      files: ['src/stores/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: ['@tarojs/taro', '@/services/cloud', '@/pages/*', '@/components/*'] },
        ],
      },
    },
    {
      files: ['src/pages/**', 'src/components/**', 'src/staff/**'],
      rules: { 'no-restricted-imports': ['error', { patterns: ['@/services/*'] }] },
    },
    { files: ['scripts/**', 'server/main.ts'], rules: { 'no-console': 'off' } },
    {
      files: ['tests/**'],
      env: { jest: true },
      rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
    },
    {
      files: ['*.cjs', '*.js'],
      rules: {
        '@typescript-eslint/no-require-imports': 'off',
        '@typescript-eslint/no-var-requires': 'off',
      },
    },
  ],
}
