// "What changed since the last version?" at an agreement that waits: answered about the agreement
// (the version accepted before, the current one, the text shown is the whole of it), and the card
// still waits; never read as "what did you change on my account".
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../../helpers.js';
import { createHarness, modeOf, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const whatChanged = {
  en: 'what has changed since the previous version?',
  fr: "qu'est-ce qui a changé par rapport à la version précédente ?",
  nl: 'wat is er veranderd ten opzichte van de vorige versie?',
  sv: 'vad har ändrats sedan förra versionen?',
} as const;

describe('"what changed?" at the terms of use', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    it(`${locale}: "${whatChanged[locale]}" names the version accepted before and the current one; the agreement still waits`, async function () {
      if (modeOf(harness, 'termsofuse.review') === 'portal') this.skip(); // Graph mode: the terms are Microsoft's page
      const anna = await demoUserNamed('anna');
      const [first, ...others] = await harness.directory.listTermsOfUse();
      assert.ok(first);
      await harness.directory.recordAgreementDecision(anna.id, { agreementId: first.id, agreementVersion: 'old', state: 'accepted', recordedDateTime: '2001-01-01T00:00:00Z' });
      for (const agreement of others) {
        await harness.directory.recordAgreementDecision(anna.id, { agreementId: agreement.id, agreementVersion: agreement.version, state: 'accepted', recordedDateTime: '2001-01-01T00:00:00Z' });
      }
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].termsOfUse);
      assert.equal(chat.buttonData('accept').agreementId, first.id);
      const replies = await chat.say(whatChanged[locale]);
      assert.deepEqual(replies.map((r) => r.text), [t.t('termsOfUse.changesSince', { previous: 'old', current: first.version })]);
      await chat.submit('accept');
      const decision = (await harness.directory.listAgreementAcceptances(anna.id)).find((d) => d.agreementId === first.id);
      assert.deepEqual([decision?.state, decision?.agreementVersion], ['accepted', first.version], 'the card still took the answer');
    });
  }

  it('an agreement never accepted (only declined): nothing to compare, the text shown is the whole current version', async function () {
    if (modeOf(harness, 'termsofuse.review') === 'portal') this.skip();
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const [first, ...others] = await harness.directory.listTermsOfUse();
    assert.ok(first);
    await harness.directory.recordAgreementDecision(anna.id, { agreementId: first.id, agreementVersion: 'old', state: 'declined', recordedDateTime: '2001-01-01T00:00:00Z' });
    for (const agreement of others) {
      await harness.directory.recordAgreementDecision(anna.id, { agreementId: agreement.id, agreementVersion: agreement.version, state: 'accepted', recordedDateTime: '2001-01-01T00:00:00Z' });
    }
    const chat = harness.chat(anna.id, phrases.en.tag);
    await chat.say(phrases.en.termsOfUse);
    assert.equal(chat.buttonData('accept').agreementId, first.id);
    assert.deepEqual((await chat.say("what's new?")).map((r) => r.text), [t.t('termsOfUse.changesFirst', { current: first.version })]);
  });
});
