import assert from 'node:assert/strict';
import { readStepQuestion } from '../../../../bot/core/nlu/stepQuestions.js';

describe('questions during a step', function () {
  it('"why?" in the four languages', function () {
    for (const text of ['why?', 'But why?', 'what is this code for?', 'pourquoi ?', 'À quoi ça sert ?', 'waarom?', 'waar is die code voor?', 'varför?', 'vad behövs koden till?']) {
      assert.equal(readStepQuestion(text), 'why', text);
    }
  });

  it('"I\'m not getting the code" in the four languages', function () {
    for (const text of ["I'm not getting the code", "I didn't get a code", 'no code yet', "je n'ai pas reçu le code", 'je ne reçois pas de code', 'ik krijg geen code', 'nog geen code ontvangen', 'jag får ingen kod', 'koden kommer inte fram',
      'I never received the code', "the code hasn't arrived yet", "j'ai rien reçu", "le code n'arrive pas", 'ik heb niks ontvangen', 'ik heb de code niet gekregen', 'jag har inte fått nån kod', 'jag har inte fått koden']) {
      assert.equal(readStepQuestion(text), 'noCode', text);
    }
  });

  it('"what changed since the last version?" in the four languages', function () {
    for (const text of ['what changed?', 'what has changed since the previous version?', "what's new", 'what are the differences?', "qu'est-ce qui a changé par rapport à la version précédente ?", 'quels sont les changements ?',
      'wat is er veranderd ten opzichte van de vorige versie?', 'wat is er anders?', 'vad har ändrats sedan förra versionen?', 'vad är nytt?']) {
      assert.equal(readStepQuestion(text), 'whatChanged', text);
    }
  });

  it('requests and other questions are not read as these', function () {
    for (const text of ['I forgot my password', 'why is my office wrong in my profile card', 'show my devices', 'how do I add a phone?', 'what changed on my account?', 'wat is er aan mijn account veranderd?', '']) {
      assert.equal(readStepQuestion(text), undefined, text);
    }
  });
});
