// npm run package:teams [-- --out <file>.zip]: the Teams app package (default dist/teams/app.zip)
// made from manifest/, its placeholders filled from TEAMS_APP_ID, BOT_ID (default MicrosoftAppId)
// and BOT_DOMAIN, checked against the bundled Teams schemas. Exit 1, with every problem named, and no zip.
import path from 'node:path';
import { ConfigError, loadTeamsAppSettings } from './config.js';
import { paths } from './paths.js';
import { buildTeamsPackage, TeamsPackageRefused } from './teamsApp/teamsPackage.js';

async function main(args: readonly string[]): Promise<number> {
  const outAt = args.indexOf('--out');
  const outFile = outAt >= 0 ? args[outAt + 1] ?? '' : path.join(paths.root, 'dist', 'teams', 'app.zip');
  if (!outFile.endsWith('.zip')) {
    process.stderr.write('Usage: npm run package:teams [-- --out <file>.zip]\n');
    return 2;
  }
  try {
    const values = loadTeamsAppSettings();
    const written = await buildTeamsPackage({ manifestDir: path.join(paths.root, 'manifest'), values, outFile: path.resolve(outFile) });
    const shown = path.relative(process.cwd(), written.file);
    process.stdout.write(`Wrote ${shown.startsWith('..') ? written.file : shown}: ${written.entries.join(', ')}\n`
      + `Teams app ${values.TEAMS_APP_ID}, bot ${values.BOT_ID} at https://${values.BOT_DOMAIN}. Upload it in Teams: Apps > Manage your apps > Upload an app.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof TeamsPackageRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error instanceof TeamsPackageRefused) process.stderr.write('(BOT_ID defaults to MicrosoftAppId. See the README, "Run it in Teams".)\n');
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
