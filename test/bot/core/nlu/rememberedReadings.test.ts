// The kept readings: a short text read once per hint, the same frozen reading given again, long
// texts and failed readings never kept, and the oldest reading dropped when the cache is full.
import assert from 'node:assert/strict';
import type { IntentRecognizer, Recognition } from '../../../../bot/core/nlu/recognizer.js';
import { longestRemembered, rememberedReader, RememberingRecognizer } from '../../../../bot/core/nlu/rememberedReadings.js';

/** A recognizer that counts what it reads: "fail" fails, anything else is help in the hint's language. */
class CountingRecognizer implements IntentRecognizer {
  readonly read: string[] = [];
  recognize(text: string, hint?: string): Promise<Recognition> {
    this.read.push(text);
    if (text === 'fail') return Promise.reject(new Error('the model is not loaded'));
    return Promise.resolve({ intent: 'help', score: 0.9, locale: hint === 'fr' ? 'fr' : 'en', also: { intent: 'profile.view', said: text } });
  }
}

describe('remembered readings', function () {
  it('reads a short text once per hint and gives the same reading again', async function () {
    const counting = new CountingRecognizer();
    const remembering = new RememberingRecognizer(counting);
    const first = await remembering.recognize('show my profile', 'en');
    const again = await remembering.recognize('show my profile', 'en');
    assert.equal(again, first);
    assert.deepEqual(counting.read, ['show my profile']);
    assert.equal((await remembering.recognize('show my profile', 'fr')).locale, 'fr', 'another hint is another reading');
    assert.equal((await remembering.recognize('Show my profile', 'en')).intent, 'help');
    assert.deepEqual(counting.read, ['show my profile', 'show my profile', 'Show my profile']);
    assert.equal(remembering.count, 3);
  });

  it('hands out frozen readings, so that no caller changes the one another gets', async function () {
    const remembering = new RememberingRecognizer(new CountingRecognizer());
    const reading = await remembering.recognize('help', 'en');
    assert.ok(Object.isFrozen(reading) && Object.isFrozen(reading.also));
    assert.throws(() => {
      (reading as { score: number }).score = 0;
    }, TypeError);
  });

  it('does not keep the reading of a long text', async function () {
    const counting = new CountingRecognizer();
    const remembering = new RememberingRecognizer(counting);
    const long = `I need help with my account ${'please '.repeat(20)}`.slice(0, longestRemembered + 1);
    await remembering.recognize(long, 'en');
    await remembering.recognize(long, 'en');
    assert.equal(counting.read.length, 2);
    assert.equal(remembering.count, 0);
  });

  it('does not keep a reading that failed: the next message is read again', async function () {
    const counting = new CountingRecognizer();
    const remembering = new RememberingRecognizer(counting);
    await assert.rejects(remembering.recognize('fail', 'en'), /not loaded/);
    await assert.rejects(remembering.recognize('fail', 'en'), /not loaded/);
    assert.equal(counting.read.length, 2);
    assert.equal(remembering.count, 0);
  });

  it('keeps at most its size, dropping the oldest', async function () {
    const counting = new CountingRecognizer();
    const remembering = new RememberingRecognizer(counting, 2);
    for (const text of ['one', 'two', 'three', 'three', 'one']) await remembering.recognize(text, 'en');
    assert.deepEqual(counting.read, ['one', 'two', 'three', 'one']);
    assert.equal(remembering.count, 2);
  });

  it('a reader of typed text reads a short text once, gives frozen readings, and reads a long text each time', function () {
    const read: string[] = [];
    const reader = rememberedReader((text: string) => {
      read.push(text);
      return text.startsWith('open') ? { ticket: text.slice(5) } : undefined;
    });
    const first = reader('open INC-000123');
    assert.deepEqual(first, { ticket: 'INC-000123' });
    assert.equal(reader('open INC-000123'), first);
    assert.ok(Object.isFrozen(first));
    assert.equal(reader('thanks'), undefined);
    assert.equal(reader('thanks'), undefined, 'a reading of nothing is kept too');
    const long = `open ${'x'.repeat(longestRemembered)}`;
    reader(long);
    reader(long);
    assert.deepEqual(read, ['open INC-000123', 'thanks', long, long]);
  });
});
