// The Teams app manifest, with its placeholders filled in, against the bundled Teams schema (offline).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { paths } from '../../bot/paths.js';

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require('@microsoft/app-manifest') as { AppManifestUtils: { validateAgainstSchema(manifest: unknown): Promise<string[]> } };

const manifestDir = path.join(paths.root, 'manifest');
const fill = (text: string): string => text
  .replace('${{TEAMS_APP_ID}}', '4c5e2b1a-7d3f-4a8e-9b6c-1f2e3d4c5b6a')
  .replace('${{BOT_ID}}', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d')
  .replace('${{BOT_DOMAIN}}', 'assistant.contoso.example');

describe('Teams manifest', function () {
  it('is valid against the Teams schema once its placeholders are filled', async function () {
    const manifest = JSON.parse(fill(await readFile(path.join(manifestDir, 'manifest.json'), 'utf8'))) as Record<string, unknown>;
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
  });

  it('the validator does reject a broken manifest (the check above can fail)', async function () {
    const manifest = JSON.parse(fill(await readFile(path.join(manifestDir, 'manifest.json'), 'utf8'))) as Record<string, unknown>;
    delete manifest.name;
    assert.ok((await AppManifestUtils.validateAgainstSchema(manifest)).length > 0);
  });

  it('uses one placeholder syntax only', async function () {
    const text = await readFile(path.join(manifestDir, 'manifest.json'), 'utf8');
    const placeholders = text.match(/\$\{\{\w+\}\}|\{\{\w+\}\}|<<\w+>>|\[\[\w+\]\]/g) ?? [];
    assert.ok(placeholders.every((p) => /^\$\{\{\w+\}\}$/.test(p)));
  });

  it('ships icons of the sizes Teams requires (192×192 colour, 32×32 outline)', async function () {
    const size = async (file: string) => {
      const png = await readFile(path.join(manifestDir, file));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    assert.deepEqual(await size('color.png'), [192, 192]);
    assert.deepEqual(await size('outline.png'), [32, 32]);
  });
});
