// ESLint (flat config): JavaScript's recommended rules and typescript-eslint's, over the sources,
// tests, benchmarks, scripts and the build and entry scripts. `npm run lint`; .ci/run runs it
// before the tests.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'oclif.manifest.json']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.node, ...globals.mocha}},
    rules: {
      // Unused names are a compile error already (tsconfig); allow `_` for deliberate ones.
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', {allow: ['warn', 'error']}],
      'prefer-const': 'error',
    },
  },
  {
    // Benchmarks, scripts and the test runner report on stdout.
    files: ['bench/**', 'scripts/**', 'test/**', 'build/**'],
    rules: {'no-console': 'off'},
  },
)
