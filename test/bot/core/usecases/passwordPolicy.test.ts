// checkPasswordRules: each tenant rule named on its own (with the values its message needs), in the
// order the user should fix them, look-alike spellings caught, and a good password passing.
import assert from 'node:assert/strict';
import { checkPasswordRules, type PasswordRule } from '../../../../bot/core/usecases/passwordPolicy.js';
import { anna, basePolicy } from '../../../fakes/memoryDirectory.js';

const policy = basePolicy.password;
const user = anna();
const good = 'Quiet-Orchard-Lamp-58';
/** Longest password Entra accepts. */
const maxPasswordLength = 256;

const rules = (password: string, confirmation = password): PasswordRule[] => checkPasswordRules(password, confirmation, policy, user).map((f) => f.rule);

describe('checkPasswordRules', function () {
  it('passes a good password', function () {
    assert.deepEqual(checkPasswordRules(good, good, policy, user), []);
    assert.deepEqual(rules('Ölandsbro-Vägen-42'), [], 'letters of any script count as letters');
  });

  it('empty: nothing else is checked', function () {
    assert.deepEqual(checkPasswordRules('', '', policy, user), [{ rule: 'empty', params: {} }]);
    assert.deepEqual(rules('', good), ['empty']);
  });

  it('mismatch: the confirmation differs, nothing else is checked', function () {
    assert.deepEqual(checkPasswordRules(good, `${good}x`, policy, user), [{ rule: 'mismatch', params: {} }]);
    assert.deepEqual(rules('short', 'other'), ['mismatch']);
  });

  it('tooLong: more than 256 characters', function () {
    const longest = good + 'x'.repeat(maxPasswordLength - good.length);
    assert.deepEqual(rules(longest), []);
    assert.deepEqual(checkPasswordRules(`${longest}x`, `${longest}x`, policy, user), [{ rule: 'tooLong', params: { max: 256 } }]);
  });

  it('minLength: fewer characters than the policy asks, counted as characters, not code units', function () {
    assert.deepEqual(checkPasswordRules('Short-1a', 'Short-1a', policy, user), [{ rule: 'minLength', params: { min: 12 } }]);
    assert.deepEqual(rules('Quiet-Lamp-5'), [], 'exactly the minimum');
    assert.deepEqual(rules('Lamp-5-🌙🌙🌙🌙'), ['minLength'], 'emoji are one character each');
  });

  it('characterClasses: fewer kinds of characters than the policy asks', function () {
    assert.deepEqual(checkPasswordRules('alllowercaseletters', 'alllowercaseletters', policy, user), [{ rule: 'characterClasses', params: { classes: 3 } }]);
    assert.deepEqual(rules('lower-case-with-symbols'), ['characterClasses'], 'two kinds');
    assert.deepEqual(rules('Lower-Upper-Symbols'), [], 'three kinds');
  });

  it('bannedWord: a banned word, in any case, naming the word', function () {
    assert.deepEqual(checkPasswordRules('Contoso-Rocks-2026!', 'Contoso-Rocks-2026!', policy, user), [{ rule: 'bannedWord', params: { word: 'contoso' } }]);
    assert.deepEqual(rules('my-PASSWORD-is-42'), ['bannedWord']);
  });

  it('bannedWord: look-alike spellings of a banned word', function () {
    for (const password of ['C0nt0s0-Rocks-2026', 'C0nt0$0-Rocks-2026', 'P@ssw0rd-Quiet-77', 'Pa55word-Quiet-77']) {
      assert.deepEqual(rules(password), ['bannedWord'], password);
    }
  });

  it('personalName: the user\'s given name, surname or user name, also in look-alike spelling', function () {
    for (const password of ['Anna-Rules-The-World-1', 'Lindqvist-Rocks-2026!', 'Bright-4nn4-Sunday-7']) {
      assert.deepEqual(checkPasswordRules(password, password, policy, user), [{ rule: 'personalName', params: {} }], password);
    }
    assert.deepEqual(rules('Bert-Rules-The-World-1'), [], 'someone else\'s name is fine');
  });

  it('names every rule broken, in the order to fix them, and never the password itself', function () {
    const failures = checkPasswordRules('anna-contoso', 'anna-contoso', policy, user);
    assert.deepEqual(failures.map((f) => f.rule), ['characterClasses', 'bannedWord', 'personalName']);
    assert.deepEqual(rules('contoso'), ['minLength', 'characterClasses', 'bannedWord']);
    assert.ok(!JSON.stringify(failures).includes('anna-contoso'));
  });

  it('follows the tenant policy it is given', function () {
    const strict = { ...policy, minLength: 24, requiredCharacterClasses: 4, bannedWords: ['orchard'] };
    assert.deepEqual(rules('Quiet-Orchard-Lamp'), [], 'fine by the usual policy');
    assert.deepEqual(checkPasswordRules('Quiet-Orchard-Lamp', 'Quiet-Orchard-Lamp', strict, user).map((f) => [f.rule, f.params]), [['minLength', { min: 24 }], ['characterClasses', { classes: 4 }], ['bannedWord', { word: 'orchard' }]]);
  });
});
