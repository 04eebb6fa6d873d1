// npm run package:teams [-- --out <file>]: the Teams app package (default dist/teams/app.zip) made
// from manifest/, its placeholders filled from TEAMS_APP_ID, BOT_ID (default MicrosoftAppId) and
// BOT_DOMAIN, checked against the bundled Teams schemas. Exit 1, with every problem named, and no zip.
import path from 'node:path';
import { ConfigError, loadTeamsAppSettings } from './config.js';
import { paths } from './paths.js';
import { buildTeamsPackage, TeamsPackageRefused } from './teamsApp/teamsPackage.js';

const outAt = process.argv.indexOf('--out');
const outFile = path.resolve(outAt > 0 ? process.argv[outAt + 1] ?? '' : path.join(paths.root, 'dist', 'teams', 'app.zip'));

try {
  const values = loadTeamsAppSettings();
  const written = await buildTeamsPackage({ manifestDir: path.join(paths.root, 'manifest'), values, outFile });
  const shown = path.relative(process.cwd(), written.file);
  process.stdout.write(`Wrote ${shown.startsWith('..') ? written.file : shown}: ${written.entries.join(', ')}\n`
    + `Teams app ${values.TEAMS_APP_ID}, bot ${values.BOT_ID} at https://${values.BOT_DOMAIN}. Upload it in Teams: Apps > Manage your apps > Upload an app.\n`);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof TeamsPackageRefused)) throw error;
  process.stderr.write(`${error.message}\n`);
  if (error instanceof TeamsPackageRefused) process.stderr.write('(BOT_ID defaults to MicrosoftAppId. See the README, "Run it in Teams".)\n');
  process.exitCode = 1;
}
