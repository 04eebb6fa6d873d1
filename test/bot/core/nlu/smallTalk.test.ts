import assert from 'node:assert/strict';
import { readSmallTalk, withoutGreeting } from '../../../../bot/core/nlu/smallTalk.js';

describe('small talk', function () {
  it('greetings, thanks and goodbyes in the four languages, as whole short messages', function () {
    const cases: [string, string][] = [
      ['hi', 'greeting'], ['Hello!', 'greeting'], ['bonjour', 'greeting'], ['hoi', 'greeting'], ['Hej!', 'greeting'], ['god morgon', 'greeting'],
      ['thanks', 'thanks'], ['Thank you!', 'thanks'], ['merci', 'thanks'], ['bedankt!', 'thanks'], ['dank je wel', 'thanks'], ['tack så mycket', 'thanks'],
      ['bye', 'goodbye'], ['au revoir', 'goodbye'], ['doei', 'goodbye'], ['hej då', 'goodbye'], ['that’s all', 'goodbye'],
    ];
    for (const [text, kind] of cases) assert.equal(readSmallTalk(text), kind, text);
  });

  it('"who are you?", "are you a bot?" in the four languages; "bedankt hoor" is thanks', function () {
    const cases: [string, string][] = [
      ['Who are you?', 'identity'], ['are u a bot', 'identity'], ['Are you a real person?', 'identity'], ['t’es qui ?', 'identity'], ['Êtes-vous un robot ?', 'identity'],
      ['wie ben jij?', 'identity'], ['Ben je een mens?', 'identity'], ['Vem är du?', 'identity'], ['är du en bot?', 'identity'], ['bedankt hoor!', 'thanks'],
    ];
    for (const [text, kind] of cases) assert.equal(readSmallTalk(text), kind, text);
    assert.equal(readSmallTalk('who are you to tell me my password expired'), undefined, 'a longer sentence is no small talk');
  });

  it('"ok", "agreed", "d’accord", "akkoord", "toppen": an acknowledgement, in the four languages', function () {
    for (const text of ['ok', 'Agreed.', 'got it!', "d'accord", 'd accord', 'Ça marche', 'akkoord', 'Prima!', 'is goed', 'okej', 'Toppen!', 'uppfattat', 'jag håller med']) {
      assert.equal(readSmallTalk(text), 'acknowledgement', text);
    }
    for (const text of ['ok show my devices', 'agreed, now reset my password', 'prima, mijn apparaten']) assert.equal(readSmallTalk(text), undefined, text);
  });

  it('anger and swearing anywhere in a short message, in the four languages', function () {
    for (const text of ['this bot is fucking useless', 'wat een kutbot', "c'est de la merde ce bot", 'jävla skitbot', 'WTF', 'ce bot est nul, rien ne marche !!', "t'es vraiment nul", 'wat een waardeloze bot, niks werkt!!', 'deze bot werkt echt niks']) {
      assert.equal(readSmallTalk(text), 'frustration', text);
    }
  });

  it('requests are not small talk, even with a greeting or a thanks in them; everyday words are not swearing', function () {
    // "skit samma" is Swedish for "never mind".
    for (const text of ['nej, skit samma', 'skit i det', 'hi, I forgot my password', 'thanks, now show my devices', 'I have nul codes', 'de teller staat op nul', "I'm a big fan of the app", 'hello '.repeat(10), 'reset my password']) {
      assert.equal(readSmallTalk(text), undefined, text);
    }
  });

  it('takes a greeting off the front of a request, in the four languages', function () {
    const cases: [string, string | undefined][] = [
      ['good morning! I forgot my password', 'I forgot my password'],
      ['Hi bot, show my devices', 'show my devices'],
      ['morning!! my phone was stolen', 'my phone was stolen'],
      ["bonjour ! j'ai perdu mon téléphone", "j'ai perdu mon téléphone"],
      ['Salut, montre moi mes appareils', 'montre moi mes appareils'],
      ['hallo! toon mijn apparaten', 'toon mijn apparaten'],
      ['goedemiddag, ik ben mijn wachtwoord vergeten', 'ik ben mijn wachtwoord vergeten'],
      ['hej hej, visa mina enheter', 'visa mina enheter'],
      ['tjena! glömt lösenordet', 'glömt lösenordet'],
      ['hello', undefined],
      ['hej hej!', undefined],
      ['reset my password', undefined],
      ['hiking is fun', undefined],
    ];
    for (const [text, request] of cases) assert.equal(withoutGreeting(text), request, text);
  });
});
