import assert from 'node:assert/strict';
import { readConfirmation } from '../../../../bot/core/nlu/confirmation.js';

describe('typed confirmations', function () {
  it('reads short whole answers as yes, in the four languages, with politeness and punctuation', function () {
    for (const text of ['yes', 'Yes please!', 'sure, go ahead', 'do it', 'OK', '👍', 'oui', "Oui, s'il vous plaît", "d'accord", 'vas-y', 'ja', 'Ja hoor', 'ja graag', 'doe maar', 'ja tack', 'Absolut!', 'kör',
      'agreed', 'Sounds good', 'd accord', 'D’accord !', "je suis d'accord", 'akkoord', 'ik ga akkoord', 'is goed', 'jag godkänner', 'okej då']) {
      assert.equal(readConfirmation(text), 'yes', text);
    }
  });

  it('reads no as no, never as something else', function () {
    for (const text of ['no', 'No thanks.', 'not now', 'non', 'non merci', 'nee', 'nee, liever niet', 'nej', 'nej tack', 'inte nu']) {
      assert.equal(readConfirmation(text), 'no', text);
    }
  });

  it('reads answers said in a row as one ("ok, do it", "ja, kör", "ok, doe maar", "nee, niet doen")', function () {
    for (const text of ['go for it', 'ok, do it', 'yep go ahead', 'sure thing', 'ja, kör', 'ja gärna', 'ok, doe maar', 'carrément', "ok c'est bon"]) assert.equal(readConfirmation(text), 'yes', text);
    for (const text of ['nee, niet doen', 'no, not now', 'nej, inte nu']) assert.equal(readConfirmation(text), 'no', text);
    for (const text of ['no yes', 'ok cancel', 'sure, why not', 'yes no']) assert.equal(readConfirmation(text), undefined, text);
  });

  it('does not read a sentence that only contains yes or no, or anything else, as an answer', function () {
    for (const text of ['yes but first show my devices', 'I forgot my password', 'no idea what this is', 'why?', 'cancel', '', 'yes '.repeat(30), 'nobody']) {
      assert.equal(readConfirmation(text), undefined, text);
    }
  });
});
