// The Teams app package: built by the packager (and by `npm run package:teams`), then unzipped and
// checked on its own against the Teams schemas @microsoft/app-manifest bundles (offline); the
// refusals (a placeholder left, a broken manifest or language file, a wrong icon); the commands of
// every language, each a phrase the bot recognizes in that language.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { NlpRecognizer } from '../../bot/core/nlu/recognizer.js';
import { paths } from '../../bot/paths.js';
import { buildTeamsPackage, localizableStrings, TeamsPackageRefused } from '../../bot/teamsApp/teamsPackage.js';
import { writePng } from '../bot/teamsApp/pngWriter.js';

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require('@microsoft/app-manifest') as { AppManifestUtils: { validateAgainstSchema(manifest: unknown): Promise<string[]> } };
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const bundled = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

const manifestDir = path.join(paths.root, 'manifest');
const values = {
  TEAMS_APP_ID: '4c5e2b1a-7d3f-4a8e-9b6c-1f2e3d4c5b6a',
  BOT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  BOT_DOMAIN: 'assistant.contoso.example',
};
const languages = ['fr', 'nl', 'sv'] as const;
type Json = Record<string, any>;

/** What each command of each list asks for: the intent its title must be recognized as, in every language. */
const commandIntents: Readonly<Record<string, readonly string[]>> = {
  personal: ['help', 'profile.view', 'password.change', 'securityinfo.view', 'devices.view', 'signins.view', 'signout.everywhere', 'helpdesk.ticket', 'ticket.status', 'cancel'],
  team: ['help', 'password.change', 'securityinfo.view', 'ticket.status'],
  groupChat: ['help', 'password.change', 'securityinfo.view', 'ticket.status'],
};

/** The newest numbered Teams schema @microsoft/app-manifest bundles ("1.30"). */
async function newestBundledVersion(): Promise<string> {
  const versions = (await readdir(bundled)).filter((v) => /^v\d+\.\d+$/.test(v)).map((v) => v.slice(1));
  return versions.sort((a, b) => {
    const [am = 0, an = 0] = a.split('.').map(Number);
    const [bm = 0, bn = 0] = b.split('.').map(Number);
    return am - bm || an - bn;
  }).at(-1) ?? '';
}

/** Errors of a language file against the bundled localization schema (ajv draft-04; the schema's patterns are plain JavaScript ones). */
async function localizationErrors(file: Json, version: string): Promise<string[]> {
  const schema = JSON.parse(await readFile(path.join(bundled, `v${version}`, 'MicrosoftTeams.Localization.schema.json'), 'utf8')) as Json;
  const check = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false, validateFormats: false }).compile(schema);
  return check(file) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('Teams app package', function () {
  this.timeout(60_000);
  let work: string;
  let zip: Record<string, Uint8Array>;
  const json = (name: string): Json => JSON.parse(Buffer.from(zip[name] ?? new Uint8Array()).toString('utf8')) as Json;

  before(async function () {
    work = await mkdtemp(path.join(tmpdir(), 'teams-package-'));
    const built = await buildTeamsPackage({ manifestDir, values, outFile: path.join(work, 'app.zip') });
    zip = unzipSync(await readFile(built.file));
  });
  after(async () => rm(work, { recursive: true, force: true }));

  /** A copy of manifest/ changed by `change`, packaged; resolves to the refusal's problems (fails if it was packaged). */
  async function refusal(change: (dir: string) => Promise<void>, withValues: Json = values): Promise<string[]> {
    const dir = await mkdtemp(path.join(work, 'manifest-'));
    await cp(manifestDir, dir, { recursive: true });
    await change(dir);
    const outFile = path.join(dir, 'out', 'app.zip');
    const error = await buildTeamsPackage({ manifestDir: dir, values: withValues, outFile }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof TeamsPackageRefused, `refused, got ${String(error)}`);
    assert.equal(await exists(outFile), false, 'no zip is written');
    return [...error.problems];
  }
  const editJson = (dir: string, file: string, edit: (value: Json) => void) => readFile(path.join(dir, file), 'utf8').then(async (text) => {
    const value = JSON.parse(text) as Json;
    edit(value);
    await writeFile(path.join(dir, file), JSON.stringify(value, null, 2));
  });

  it('holds the manifest, both icons and the French, Dutch and Swedish files, with every placeholder filled', async function () {
    assert.deepEqual(Object.keys(zip).sort(), ['color.png', 'fr.json', 'manifest.json', 'nl.json', 'outline.png', 'sv.json']);
    for (const name of ['manifest.json', 'fr.json', 'nl.json', 'sv.json']) {
      assert.doesNotMatch(Buffer.from(zip[name] ?? new Uint8Array()).toString('utf8'), /\{\{/, name);
    }
    assert.deepEqual(zip['color.png'], new Uint8Array(await readFile(path.join(manifestDir, 'color.png'))));
  });

  it('its manifest is on the newest schema the validator bundles, and valid against it', async function () {
    const manifest = json('manifest.json');
    const newest = await newestBundledVersion();
    assert.equal(manifest.manifestVersion, newest);
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
  });

  it('the validator does reject a broken manifest (the check above can fail)', async function () {
    const manifest = json('manifest.json');
    delete manifest.name;
    manifest.id = 'not-a-guid';
    manifest.bots[0].scopes = ['everywhere'];
    const errors = (await AppManifestUtils.validateAgainstSchema(manifest)).join('\n');
    assert.match(errors, /required property 'name'/);
    assert.match(errors, /^\/id /m);
    assert.match(errors, /^\/bots\/0\/scopes\/0 /m);
  });

  it('signs on with the bot\'s app id, trusts the bot\'s domain and the token service, and opens the tab there', function () {
    const manifest = json('manifest.json');
    assert.equal(manifest.id, values.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, values.BOT_ID);
    assert.deepEqual(manifest.webApplicationInfo, { id: values.BOT_ID, resource: `api://${values.BOT_DOMAIN}/botid-${values.BOT_ID}` });
    assert.deepEqual(manifest.validDomains, [values.BOT_DOMAIN, 'token.botframework.com']);
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    const tab = (manifest.staticTabs as Json[]).find((t) => t.entityId === 'myAccount');
    assert.equal(tab?.name, 'My account');
    assert.match(String(tab?.contentUrl), new RegExp(`^https://${values.BOT_DOMAIN.replace(/\./g, '\\.')}/tab/`));
    assert.deepEqual(tab?.scopes, ['personal']);
  });

  it('its language files are valid against the bundled localization schema, which does reject a broken one', async function () {
    const version = String(json('manifest.json').manifestVersion);
    for (const language of languages) {
      const file = json(`${language}.json`);
      assert.equal(file.$schema, `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`);
      assert.deepEqual(await localizationErrors(file, version), [], language);
    }
    const broken = { ...json('fr.json'), 'name.short': 'Un nom bien trop long pour la tuile de Teams', 'bots[0].commandLists[3].commands[0].title': 'aide' };
    assert.equal((await localizationErrors(broken, version)).length, 2);
  });

  it('command lists per scope; every language has the same commands, and each is a phrase the bot understands in that language', async function () {
    const manifest = json('manifest.json');
    const lists = manifest.bots[0].commandLists as Json[];
    assert.deepEqual(lists.map((l) => l.scopes as unknown), [['personal'], ['team'], ['groupChat']]);
    const keys = localizableStrings(manifest).sort();
    const recognizer = await NlpRecognizer.load();
    const titles: [string, string, string][] = [];
    lists.forEach((list, i) => {
      const intents = commandIntents[String(list.scopes[0])] ?? [];
      assert.equal((list.commands as Json[]).length, intents.length, `${String(list.scopes[0])} commands`);
      (list.commands as Json[]).forEach((command, j) => {
        assert.ok(String(command.title).length <= 32, `"${String(command.title)}" fits the command menu`);
        titles.push(['en', String(command.title), intents[j] ?? '']);
        for (const language of languages) titles.push([language, String(json(`${language}.json`)[`bots[0].commandLists[${i}].commands[${j}].title`]), intents[j] ?? '']);
      });
    });
    for (const language of languages) {
      assert.deepEqual(Object.keys(json(`${language}.json`)).filter((k) => k !== '$schema').sort(), keys, `${language}.json translates every string`);
    }
    for (const [language, title, intent] of titles) {
      const recognized = await recognizer.recognize(title, language);
      assert.deepEqual([recognized.intent, recognized.locale], [intent, language], `${language}: "${title}"`);
    }
  });

  it('refuses with a placeholder left, naming it, and writes no zip', async function () {
    const { BOT_DOMAIN: _left, ...withoutDomain } = values;
    const problems = await refusal(async () => {}, withoutDomain);
    assert.ok(problems.some((p) => p.includes('${{BOT_DOMAIN}}') && p.includes('set BOT_DOMAIN')), problems.join('\n'));
    assert.ok(!problems.some((p) => p.includes('BOT_ID')), 'only the one left is named');
    const stray = await refusal((dir) => editJson(dir, 'sv.json', (f) => { f['name.short'] = '${{APP_NAME_SV}}'; }));
    assert.ok(stray.some((p) => p.startsWith('sv.json') && p.includes('${{APP_NAME_SV}}')), stray.join('\n'));
  });

  it('refuses a manifest or a language file the schema rejects, or a language file that misses a command', async function () {
    const noName = await refusal((dir) => editJson(dir, 'manifest.json', (m) => { delete m.name; }));
    assert.ok(noName.some((p) => p.startsWith('manifest.json') && p.includes("required property 'name'")), noName.join('\n'));
    const longName = await refusal((dir) => editJson(dir, 'nl.json', (f) => { f['name.short'] = 'Een naam die veel te lang is voor Teams'; }));
    assert.ok(longName.some((p) => p.startsWith('nl.json') && p.includes('name.short')), longName.join('\n'));
    const missing = await refusal((dir) => editJson(dir, 'fr.json', (f) => { delete f['bots[0].commandLists[0].commands[4].title']; }));
    assert.deepEqual(missing, ['fr.json: no translation of bots[0].commandLists[0].commands[4].title']);
  });

  it('checks the icons: 192×192 colour, 32×32 outline white on transparent', async function () {
    const white = [255, 255, 255, 255] as const;
    const clear = [0, 0, 0, 0] as const;
    const ring = (x: number, y: number) => (x > 4 && x < 27 && y > 4 && y < 27 ? white : clear);
    const opaque = await refusal((dir) => writeFile(path.join(dir, 'outline.png'), writePng(32, 32, () => white, { alpha: false })));
    assert.deepEqual(opaque, ['outline.png has no transparency: the outline icon is white on a transparent background']);
    const blue = await refusal((dir) => writeFile(path.join(dir, 'outline.png'), writePng(32, 32, (x, y) => (x === 9 && y === 9 ? [15, 108, 189, 255] : ring(x, y)))));
    assert.deepEqual(blue, ['outline.png has a pixel that is not white at 9,9: the outline icon is white on a transparent background']);
    const small = await refusal((dir) => writeFile(path.join(dir, 'color.png'), writePng(32, 32, () => white)));
    assert.deepEqual(small, ['color.png is 32×32, Teams asks for 192×192']);
    // The same drawing at the right size, with filtered rows, passes.
    const dir = await mkdtemp(path.join(work, 'icons-'));
    await cp(manifestDir, dir, { recursive: true });
    await writeFile(path.join(dir, 'outline.png'), writePng(32, 32, ring, { filterOf: (y) => y % 5 }));
    await buildTeamsPackage({ manifestDir: dir, values, outFile: path.join(dir, 'app.zip') });
  });

  it('npm run package:teams: fills from TEAMS_APP_ID, MicrosoftAppId (or BOT_ID) and BOT_DOMAIN; exits 1 naming a missing one', async function () {
    const run = promisify(execFile);
    const cli = path.join(paths.root, 'dist', 'bot', 'packageTeams.js');
    const outFile = path.join(work, 'cli', 'app.zip');
    const env = { PATH: process.env.PATH, TEAMS_APP_ID: values.TEAMS_APP_ID, MicrosoftAppId: values.BOT_ID, BOT_DOMAIN: values.BOT_DOMAIN };
    const ok = await run(process.execPath, [cli, '--out', outFile], { env });
    assert.match(ok.stdout, /manifest\.json, color\.png, outline\.png, fr\.json, nl\.json, sv\.json/);
    const manifest = JSON.parse(Buffer.from(unzipSync(await readFile(outFile))['manifest.json'] ?? new Uint8Array()).toString('utf8')) as Json;
    assert.equal(manifest.bots[0].botId, values.BOT_ID);
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
    const otherBot = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    await run(process.execPath, [cli, '--out', outFile], { env: { ...env, BOT_ID: otherBot } });
    assert.equal((JSON.parse(Buffer.from(unzipSync(await readFile(outFile))['manifest.json'] ?? new Uint8Array()).toString('utf8')) as Json).webApplicationInfo.id, otherBot);

    const missingOut = path.join(work, 'cli-missing', 'app.zip');
    const failed = await run(process.execPath, [cli, '--out', missingOut], { env: { ...env, BOT_DOMAIN: '' } }).then(() => undefined, (e: { code?: number; stderr?: string }) => e);
    assert.equal(failed?.code, 1);
    assert.match(failed?.stderr ?? '', /\$\{\{BOT_DOMAIN\}\} is left: set BOT_DOMAIN/);
    assert.equal(await exists(missingOut), false);
    const badDomain = await run(process.execPath, [cli, '--out', missingOut], { env: { ...env, BOT_DOMAIN: 'https://assistant.contoso.example/' } }).then(() => undefined, (e: { code?: number; stderr?: string }) => e);
    assert.equal(badDomain?.code, 1);
    assert.match(badDomain?.stderr ?? '', /^BOT_DOMAIN: must be the host name/);
  });
});
