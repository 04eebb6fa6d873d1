import assert from 'node:assert/strict';
import { problemIn } from '../../../../bot/core/nlu/handoffReason.js';

describe('the reason given with a request for a person', function () {
  it('is what follows or precedes the request, in the four languages', function () {
    const cases: [string, string][] = [
      ['ik wil een mens spreken, de codes werken niet', 'de codes werken niet'],
      ['I need to talk to a person because my phone was stolen', 'my phone was stolen'],
      ['my account is locked and nothing works. Can I talk to someone?', 'my account is locked and nothing works'],
      ['je voudrais parler à quelqu’un, mon compte est bloqué depuis ce matin', 'mon compte est bloqué depuis ce matin'],
      ['jag vill prata med en människa eftersom jag inte kommer in på mitt konto', 'jag inte kommer in på mitt konto'],
    ];
    for (const [text, reason] of cases) assert.equal(problemIn(text), reason, text);
  });

  it('is nothing when no reason is given, or nothing asks for a person', function () {
    for (const text of ['I want to talk to a person', 'get me a human please!', 'helpdesk', 'my codes do not work, my phone is new', 'ik wil een mens spreken, nu']) {
      assert.equal(problemIn(text), undefined, text);
    }
  });
});
