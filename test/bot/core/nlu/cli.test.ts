// `npm run --silent nlu -- --jsonl` (the design contract): one JSON line out per line in, in order,
// with the bot's reading: a request's intent, None for small talk and for a change of language.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../../../bot/core/nlu/cli.js', import.meta.url));

/** Runs the command over these input lines and returns its output lines, parsed. */
async function nlu(lines: readonly string[]): Promise<Record<string, unknown>[]> {
  const child = spawn(process.execPath, [cli, '--jsonl'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(lines.join('\n') + '\n');
  assert.equal(await exited, 0);
  return out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('nlu command (--jsonl)', function () {
  this.timeout(60_000);

  it('answers each line in order with intent, score and locale; small talk and a change of language are None; a bad line is None', async function () {
    const out = await nlu([
      JSON.stringify({ text: 'show my profile' }),
      JSON.stringify({ text: 'je veux changer mon mot de passe', locale: 'fr-FR' }),
      '',
      JSON.stringify({ text: "d'accord", locale: 'fr-FR' }),
      JSON.stringify({ text: 'akkoord', locale: 'nl-NL' }),
      JSON.stringify({ text: 'tack så mycket', locale: 'sv-SE' }),
      JSON.stringify({ text: 'switch to Swedish' }),
      'not json',
    ]);
    assert.deepEqual(out.map((o) => [o.intent, o.locale]), [
      ['profile.view', 'en'], ['password.change', 'fr'], ['None', 'fr'], ['None', 'nl'], ['None', 'sv'], ['None', 'sv'], ['None', 'en'],
    ]);
    for (const o of out.slice(0, 2)) assert.ok(typeof o.score === 'number' && o.score > 0.5 && o.score <= 1, JSON.stringify(o));
    assert.deepEqual(Object.keys(out[0] ?? {}).sort(), ['intent', 'locale', 'score']);
    assert.equal(out.at(-1)?.error, 'invalid JSON line');
  });
});
