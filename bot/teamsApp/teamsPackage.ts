// The Teams app package: manifest/ with its ${{NAME}} placeholders filled, checked against the Teams
// schemas that @microsoft/app-manifest bundles (offline, nothing is fetched), its language files and
// icons checked, then zipped. Anything wrong, and nothing is written: the error lists every problem.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { zipSync } from 'fflate';
import { readPng } from './png.js';

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require('@microsoft/app-manifest') as {
  AppManifestUtils: { validateAgainstSchema(document: unknown, schema: unknown): Promise<string[]> };
};
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const bundledSchemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** A `$schema` of the Teams manifest or of its language files, as Microsoft publishes them. */
const teamsSchemaUrl = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v\d+\.\d+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/;
const placeholder = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

export class TeamsPackageRefused extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package was not written:\n- ${[...new Set(problems)].join('\n- ')}`);
    this.name = 'TeamsPackageRefused';
  }
}

export interface TeamsPackageOptions {
  /** The folder of manifest.json and the files it names. */
  readonly manifestDir: string;
  /** The value of each placeholder `${{NAME}}`, by NAME. */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes (its folder is created). */
  readonly outFile: string;
}

export interface TeamsPackage {
  readonly file: string;
  /** The files in the zip, manifest.json first. */
  readonly entries: readonly string[];
  readonly manifest: Readonly<Record<string, unknown>>;
}

/** Builds the package, or throws TeamsPackageRefused naming every problem (a placeholder left, a schema error, a bad icon...). */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<TeamsPackage> {
  const problems: string[] = [];
  const manifestText = fill('manifest.json', await readFile(path.join(options.manifestDir, 'manifest.json'), 'utf8'), options.values, problems);
  const manifest = parse('manifest.json', manifestText, problems);
  if (!manifest) throw new TeamsPackageRefused(problems);

  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const localization = (manifest.localizationInfo ?? {}) as { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] };
  const languageFiles = [localization.defaultLanguageFile, ...(localization.additionalLanguages ?? []).map((l) => l.file)].filter((f) => f !== undefined);
  const files = new Map<string, Buffer>();
  for (const name of [icons.color, icons.outline, icons.color32x32, ...languageFiles].filter((f) => f !== undefined)) {
    const file = typeof name === 'string' && isPlainRelative(name) ? name : undefined;
    if (!file) {
      problems.push(`manifest.json: ${JSON.stringify(name)} is not a file name beside manifest.json`);
      continue;
    }
    try {
      files.set(file, await readFile(path.join(options.manifestDir, file)));
    } catch {
      problems.push(`manifest.json names ${file}, which is not in ${options.manifestDir}`);
    }
  }
  const languages = new Map<string, Record<string, unknown>>();
  for (const file of languageFiles) {
    const data = typeof file === 'string' ? files.get(file) : undefined;
    if (!data || typeof file !== 'string') continue;
    const text = fill(file, data.toString('utf8'), options.values, problems);
    files.set(file, Buffer.from(text, 'utf8'));
    const parsed = parse(file, text, problems);
    if (parsed) languages.set(file, parsed);
  }
  // A placeholder left makes every other check noisy: refuse on that alone.
  if (problems.length > 0) throw new TeamsPackageRefused(problems);

  await validate('manifest.json', manifest, 'MicrosoftTeams.schema.json', problems);
  const localizable = localizableStrings(manifest);
  for (const [file, language] of languages) {
    await validate(file, language, 'MicrosoftTeams.Localization.schema.json', problems);
    const version = teamsSchemaUrl.exec(String(language.$schema))?.[1];
    if (version !== undefined && version !== `v${String(manifest.manifestVersion)}`) {
      problems.push(`${file}: its $schema is ${version}, the manifest's is v${String(manifest.manifestVersion)}`);
    }
    const keys = new Set(Object.keys(language).filter((k) => k !== '$schema'));
    for (const key of localizable) if (!keys.has(key)) problems.push(`${file}: no translation of ${key}`);
    for (const key of keys) if (!localizable.includes(key)) problems.push(`${file}: ${key} is not a string of manifest.json`);
  }
  checkIcon(icons.color, files, 192, false, problems);
  checkIcon(icons.outline, files, 32, true, problems);
  if (problems.length > 0) throw new TeamsPackageRefused(problems);

  const zip = zipSync({ 'manifest.json': Buffer.from(manifestText, 'utf8'), ...Object.fromEntries(files) }, { level: 9 });
  await mkdir(path.dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, zip);
  return { file: options.outFile, entries: ['manifest.json', ...files.keys()], manifest };
}

/** Replaces each `${{NAME}}` by its value (JSON-escaped); names each one without a value, and anything else that looks like a placeholder. */
function fill(file: string, text: string, values: TeamsPackageOptions['values'], problems: string[]): string {
  const filled = text.replace(placeholder, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      problems.push(`${file}: the placeholder ${whole} is left: set ${name}`);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  for (const odd of filled.replace(placeholder, '').match(/\$?\{\{[^}]*\}\}/g) ?? []) {
    problems.push(`${file}: ${odd} is not a placeholder this packager fills (write \${{NAME}})`);
  }
  return filled;
}

function parse(file: string, text: string, problems: string[]): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`${file}: is not a JSON object`);
  } catch (error) {
    problems.push(`${file}: is not JSON (${(error as Error).message})`);
  }
  return undefined;
}

/**
 * Checks a document against the bundled schema its `$schema` names; only that kind of schema, never one
 * fetched. The manifest goes through @microsoft/app-manifest's own check. Its validator cannot compile
 * the bundled language-file schema (a pattern there is not valid as a Unicode regular expression), so
 * language files go through the same engine (ajv, draft-04) with the patterns read as plain JavaScript
 * regular expressions, as Teams writes them.
 */
async function validate(file: string, document: Record<string, unknown>, kind: string, problems: string[]): Promise<void> {
  const match = teamsSchemaUrl.exec(String(document.$schema));
  if (!match || match[2] !== kind) {
    problems.push(`${file}: $schema must be https://developer.microsoft.com/json-schemas/teams/<version>/${kind}, got ${JSON.stringify(document.$schema)}`);
    return;
  }
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(await readFile(path.join(bundledSchemas, match[1] ?? '', kind), 'utf8')) as Record<string, unknown>;
  } catch {
    problems.push(`${file}: the Teams schema ${match[1]} is not one that @microsoft/app-manifest bundles`);
    return;
  }
  for (const error of await schemaErrors(document, schema, kind)) problems.push(`${file}: ${error.trim()}`);
}

async function schemaErrors(document: Record<string, unknown>, schema: Record<string, unknown>, kind: string): Promise<string[]> {
  if (kind === 'MicrosoftTeams.schema.json') return AppManifestUtils.validateAgainstSchema(document, schema);
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  return check(document) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The manifest's strings a language file translates, as localization keys (`bots[0].commandLists[1].commands[2].title`). */
export function localizableStrings(manifest: Readonly<Record<string, unknown>>): string[] {
  const keys: string[] = [];
  const add = (key: string, value: unknown) => { if (typeof value === 'string') keys.push(key); };
  const name = (manifest.name ?? {}) as Record<string, unknown>;
  const description = (manifest.description ?? {}) as Record<string, unknown>;
  add('name.short', name.short);
  add('name.full', name.full);
  add('description.short', description.short);
  add('description.full', description.full);
  ((manifest.staticTabs ?? []) as Record<string, unknown>[]).forEach((tab, i) => add(`staticTabs[${i}].name`, tab.name));
  const bot = ((manifest.bots ?? []) as { commandLists?: { commands?: Record<string, unknown>[] }[] }[])[0];
  (bot?.commandLists ?? []).forEach((list, i) => (list.commands ?? []).forEach((command, j) => {
    add(`bots[0].commandLists[${i}].commands[${j}].title`, command.title);
    add(`bots[0].commandLists[${i}].commands[${j}].description`, command.description);
  }));
  return keys;
}

/** Teams asks for a 192×192 colour icon and a 32×32 outline: white on a transparent background. */
function checkIcon(name: unknown, files: ReadonlyMap<string, Buffer>, size: number, outline: boolean, problems: string[]): void {
  const data = typeof name === 'string' ? files.get(name) : undefined;
  if (!data || typeof name !== 'string') return;
  try {
    const png = readPng(data);
    if (png.width !== size || png.height !== size) throw new Error(`is ${png.width}×${png.height}, Teams asks for ${size}×${size}`);
    if (!outline) return;
    if (!png.hasAlpha) throw new Error('has no transparency: the outline icon is white on a transparent background');
    let transparent = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const [r, g, b, a] = png.pixel(x, y);
        if (a === 0) transparent++;
        else if (r !== 255 || g !== 255 || b !== 255) throw new Error(`has a pixel that is not white at ${x},${y}: the outline icon is white on a transparent background`);
      }
    }
    if (transparent === 0) throw new Error('has no transparent pixel: the outline icon is white on a transparent background');
  } catch (error) {
    problems.push(`${name} ${(error as Error).message}`);
  }
}

function isPlainRelative(file: string): boolean {
  return file !== '' && !path.isAbsolute(file) && !file.includes('\\') && file.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}
