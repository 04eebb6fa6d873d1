// The goal-dialog base: a goal that needs a signed-in user ends, and says so, when the user is no
// longer known in the middle of it (signed out, disabled); what was on the screen then does nothing.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../helpers.js';
import { createHarness, type Harness } from './harness.js';
import { phrases } from './testData/phrases.js';

describe('goal dialog base', function () {
  let harness: Harness;
  before(async () => (harness = await createHarness()));
  after(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    it(`in ${locale}: a user who is gone mid-goal (unknown to the directory) is told so, and the goal ends`, async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].passwordChange);
      const stale = chat.buttonData('submit');
      // The next message comes from nobody the directory knows (Teams vouches for another object id).
      const template = chat.adapter.template;
      const annaFrom = template.from;
      template.from = { id: 'teams-someone', name: 'Someone', aadObjectId: 'no-such-user' };
      const [reply] = await chat.say('purple');
      template.from = annaFrom;
      assert.equal(reply?.text, t.t('identity.unknownUser'));
      // Back as Anna, the old card is answered as an old card: nothing is changed.
      const replies = await chat.send({ ...stale, currentPassword: anna.password, newPassword: 'Another-Quiet-Harbor-19', confirmPassword: 'Another-Quiet-Harbor-19' });
      assert.equal(replies[0]?.text, t.t('card.stale'));
      assert.ok(await harness.hasPassword(anna.id, anna.password), 'the password is unchanged');
    });
  }
});
