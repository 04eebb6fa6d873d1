// Lint rules: strict TypeScript with type information, so floating promises are errors; and the
// fences that keep the layers apart (see docs/architecture.md): which folder may import what, the
// Bot Framework SDK only at the edge, process.env only in the configuration.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sdk = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
  message: 'The Bot Framework SDK stays at the edge: bot/channel, bot/turn, bot/localDemo, and dialogs/kit.ts for the dialogs.',
};
/** A relative import into one of the project's folders, from anywhere below it. */
const into = (folder, why) => ({ group: [`**/${folder}/**`, `**/${folder}/*`], message: `${why} (docs/architecture.md)` });
const folders = {
  adapters: into('adapters', 'Only the composition root (bot/app.ts) and the local demo know the adapters'),
  channel: into('channel', 'bot/channel is the host: only the composition root wires it'),
  turn: into('turn', 'bot/turn is the per-turn context of the edge; the core knows nothing of turns'),
  localDemo: into('localDemo', 'The local demo is wired by the composition root only'),
  dialogs: into('dialogs', 'Dialogs sit above this layer'),
  cards: into('cards', 'Cards sit above the core'),
};
const app = { group: ['**/app.js', '**/index.js'], message: 'Only the entry point imports the composition root.' };

/** One block per layer: what its files may not import. */
const fence = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/**', 'test/web/page/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  // The core: ports, use cases, the goal catalogue, NLU, i18n. It imports nothing of the layers around it.
  fence(['bot/core/**/*.ts'], [sdk, folders.adapters, folders.channel, folders.turn, folders.localDemo, folders.dialogs, folders.cards, app]),
  // Adapters implement ports; they know the core only.
  fence(['bot/adapters/**/*.ts'], [sdk, folders.channel, folders.turn, folders.localDemo, folders.dialogs, folders.cards, app]),
  // Cards lay out what the dialogs pass them.
  fence(['cards/**/*.ts'], [sdk, folders.adapters, folders.channel, folders.turn, folders.localDemo, folders.dialogs, app]),
  // Dialogs converse over use cases and cards; the SDK comes through dialogs/kit.ts.
  fence(['dialogs/**/*.ts'], [sdk, folders.adapters, folders.channel, folders.localDemo, app], ['dialogs/kit.ts']),
  fence(['dialogs/kit.ts'], [folders.adapters, folders.channel, folders.localDemo, app]),
  // The edge: the per-turn context, the host, the local demo.
  fence(['bot/turn/**/*.ts'], [folders.adapters, folders.channel, folders.localDemo, folders.dialogs, app]),
  fence(['bot/channel/**/*.ts'], [folders.adapters, folders.localDemo, app]),
  fence(['bot/localDemo/**/*.ts'], [folders.channel, folders.dialogs, app]),
  // The Teams app packager (npm run package:teams) is a build tool beside the bot: it imports none of it.
  fence(['bot/teamsApp/**/*.ts'], [sdk, folders.adapters, folders.channel, folders.turn, folders.localDemo, folders.dialogs, folders.cards, app, into('core', 'The Teams app packager is a build tool beside the bot')]),
  // The composition root and the entry point's leaves (config, logger, paths) do not need the SDK either.
  fence(['bot/*.ts'], [sdk]),
  {
    files: ['bot/**/*.ts', 'dialogs/**/*.ts', 'cards/**/*.ts'],
    ignores: ['bot/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Settings come from the Config object; only bot/config.ts reads the environment.' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
