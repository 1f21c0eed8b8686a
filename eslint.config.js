import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FOLDERS = ['model', 'ingest', 'vault', 'analyze', 'correlate', 'assess', 'review', 'audit', 'store', 'pipeline', 'server', 'export', 'cli'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.scratch/**', 'web/dist/**', 'coverage/**', 'bench/.out/**', 'examples/**/.corroborate/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Public surfaces are explicit: name what you export.' },
      ],
    },
  },
  {
    // Folders are the architecture: another folder is reached only through its index.ts.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${FOLDERS.join('|')})/(?!index\\.js$).+`,
              message: "Import another folder only through its index.js (its public face).",
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code never reads the environment: the CLI and server read it once into a typed config.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/server/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/cli (or src/server) and pass it in.' },
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the injected fetcher.' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Public surfaces are explicit: name what you export.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected clock.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
