// ESLint for the whole repository: `npm run lint` (part of `npm test`).
// TypeScript through typescript-eslint, Svelte components through eslint-plugin-svelte.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/artifacts/**', '.kudzu/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // TypeScript checks names; the core rule does not know ambient types such as GeoJSON.
      'no-undef': 'off',
      // State here is replaced, never mutated in place (`answers = new Map(answers).set(…)`),
      // so plain Map/URLSearchParams are right; the rule cannot tell.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // Migrations are frozen and written against Kysely<any>, as the style asks.
    files: ['server/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
);
