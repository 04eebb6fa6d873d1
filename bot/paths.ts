// Where the project's non-code files live, resolved from this module so it works from `dist/` too.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: `bot/` sits one level below it, `dist/bot/` two. */
const projectRoot = path.basename(path.dirname(here)) === 'dist'
  ? path.resolve(here, '..', '..')
  : path.resolve(here, '..');

export const paths = Object.freeze({
  root: projectRoot,
  demoTenant: path.join(projectRoot, 'bot', 'adapters', 'embedded', 'demoTenant.json'),
  tenantSchema: path.join(projectRoot, 'bot', 'adapters', 'embedded', 'tenantSeed.schema.json'),
  locales: path.join(projectRoot, 'bot', 'core', 'i18n', 'locales'),
  corpus: path.join(projectRoot, 'bot', 'core', 'nlu', 'corpus'),
  cardTemplates: path.join(projectRoot, 'cards', 'templates'),
  web: path.join(projectRoot, 'web'),
  webChatBundle: path.join(projectRoot, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'),
  msalBundle: path.join(projectRoot, 'node_modules', '@azure', 'msal-browser', 'lib', 'msal-browser.min.js'),
  teamsJsBundle: path.join(projectRoot, 'node_modules', '@microsoft', 'teams-js', 'dist', 'umd', 'MicrosoftTeams.min.js'),
  msalRedirectBridge: path.join(projectRoot, 'node_modules', '@azure', 'msal-browser', 'lib', 'redirect-bridge', 'msal-redirect-bridge.min.js'),
});
