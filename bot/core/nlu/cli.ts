// `npm run --silent nlu -- --jsonl`: reads JSON lines {"text", "locale"?} on stdin and writes one
// line {"intent", "score", "locale"} per input, in order, with the recognizer the bot uses.
import { createInterface } from 'node:readline';
import { languageSwitchRequest } from './languageSwitch.js';
import { readSmallTalk } from './smallTalk.js';
import { normalizeUtterance } from './normalize.js';
import { NlpRecognizer } from './recognizer.js';

if (!process.argv.includes('--jsonl')) {
  process.stderr.write('Usage: npm run --silent nlu -- --jsonl < input.jsonl\n');
  process.exit(2);
}

const recognizer = await NlpRecognizer.load();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let output: { intent: string; score: number; locale: string; error?: string };
  try {
    const input = JSON.parse(line) as { text?: unknown; locale?: unknown };
    const text = typeof input.text === 'string' ? input.text : '';
    const hint = typeof input.locale === 'string' ? input.locale : undefined;
    const switchTo = languageSwitchRequest(normalizeUtterance(text));
    const result = await recognizer.recognize(text, hint);
    // A language-switch request is no intent of its own; report it as None in the asked-for language.
    // Small talk ("thanks", "ok", "d'accord") is read before the recognizer in the bot and starts no
    // goal: None too. (Anger is left to the recognizer: the bot hands it to the helpdesk unless the
    // recognizer is sure of a request in it.)
    // Only the three fields of the contract: a second request or a runner-up is the bot's business.
    const smallTalk = readSmallTalk(text);
    output = switchTo ? { intent: 'None', score: 1, locale: switchTo }
      : smallTalk && smallTalk !== 'frustration' ? { intent: 'None', score: 1, locale: result.locale }
        : { intent: result.intent, score: Math.round(result.score * 10000) / 10000, locale: result.locale };
  } catch {
    output = { intent: 'None', score: 0, locale: 'en', error: 'invalid JSON line' };
  }
  process.stdout.write(JSON.stringify(output) + '\n');
}
