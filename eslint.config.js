// The project's own rules, checked by `npm run lint` (part of `npm test`).
import tseslint from 'typescript-eslint'

const drivers = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'kysely', 'pg', 'exceljs']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**'] },
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    extends: [tseslint.configs.recommended],
    // No eslint-disable comments anywhere: a rule that is wrong for the project changes here.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' }],
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    // The renderer knows only window.api, the contract's types and shared/.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...drivers],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
            {
              group: ['**/db', '**/db/**'],
              message: 'The renderer reaches the ledger through window.api only; shared code goes in shared/.',
            },
            {
              group: ['**/electron/main/**', '**/electron/handlers/**', '**/electron/preload/**'],
              message: 'Only electron/contract is shared with the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // What every runtime shares: pure TypeScript.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'antd', ...drivers],
          patterns: [
            { group: ['node:*'], message: 'shared/ runs in every runtime: no Node modules.' },
            { group: ['**/db/**', '**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    // The ledger runs in plain Node (tests, CLI, benchmarks): no Electron, no screens.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'antd'],
          patterns: [
            { group: ['**/electron/**', '**/renderer/**', '**/tools/**', '**/test/**'], message: 'db/ imports only db/ and shared/.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is bundled into the sandboxed preload and read by the renderer for types.
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...drivers],
          patterns: [
            { group: ['node:*'], message: 'The contract is bundled into the sandboxed preload.' },
            {
              group: ['**/db/**', '**/electron/main/**', '**/electron/handlers/**', '**/renderer/**'],
              message: 'The contract imports only zod, shared/ and itself.',
            },
          ],
        },
      ],
    },
  },
)
