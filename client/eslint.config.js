// ESLint flat config: typescript-eslint's type-checked strict preset over src/ and test/, plus one layering rule.
// Run with `npm run lint`. Each rule turned off or relaxed here says why on its line.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in messages (`code ${code}`, `${bytes} B`) are intended; everything else must be a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => this.finish(code)` callbacks are the house idiom; a void value used anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // `rendered[0]!()`: a wrong assumption in a test fails that test at once; a guard would only add noise.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `expect(handlers.onReady)` reads vi.fn() mocks, which never use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Core modules (src/*.ts) are what every page builds on; they must not depend on a feature folder.
    // main.ts is the composition root that mounts the pages, so it is the one top-level file allowed to.
    files: ['src/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./admin/*', './review/*', './pages/*'],
              message: 'core modules (src/*.ts) must not import from feature folders (admin/, review/, pages/)',
            },
          ],
        },
      ],
    },
  },
  {
    // The API client (src/api/) is a core module too.
    files: ['src/api/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../admin/*', '../review/*', '../pages/*'],
              message: 'the API client (src/api/) must not import from feature folders (admin/, review/, pages/)',
            },
          ],
        },
      ],
    },
  },
  {
    // One API client: pages reach the server only through ApiClient, so every call gets the same 401 handling.
    files: ['src/**/*.ts'],
    ignores: ['src/api/client.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'call the server through ApiClient (src/api/)' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'call the server through ApiClient (src/api/)' },
        { object: 'globalThis', property: 'fetch', message: 'call the server through ApiClient (src/api/)' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
