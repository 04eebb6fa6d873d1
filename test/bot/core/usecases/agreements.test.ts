// Agreements (terms of use): each agreement's state for the user, the decision recorded at the
// current version and audited, and the text in the user's language with its fallbacks.
import assert from 'node:assert/strict';
import { agreementText } from '../../../../bot/core/usecases/agreements.js';
import { anna, bert, termsOfUse } from '../../../fakes/memoryDirectory.js';
import { actorFor, testBed } from '../../../fakes/testBed.js';

const agreements = [
  ...termsOfUse,
  { id: 'tou-byod', displayName: 'Bring your own device', version: '1', content: { fr: 'Appareils personnels' } },
  { id: 'tou-travel', displayName: 'Travel policy', version: '3', content: { en: 'Travel safely.' } },
];

describe('Agreements', function () {
  it('list: accepted or declined at the current version, pending when never decided or decided on an older version', async function () {
    const { useCases } = testBed({
      termsOfUse: agreements,
      users: [anna({
        agreements: [
          { agreementId: 'tou-it', agreementVersion: '1', state: 'accepted', recordedDateTime: '2024-01-10T10:00:00.000Z' },
          { agreementId: 'tou-byod', agreementVersion: '1', state: 'declined', recordedDateTime: '2024-02-10T10:00:00.000Z' },
        ],
      }), bert({ agreements: [{ agreementId: 'tou-it', agreementVersion: '2', state: 'accepted', recordedDateTime: '2025-01-10T10:00:00.000Z' }] })],
    });
    assert.deepEqual((await useCases.agreements.list('user-anna')).map((v) => [v.agreement.id, v.status]), [['tou-it', 'pendingVersion'], ['tou-byod', 'declined'], ['tou-travel', 'pendingNew']]);
    assert.deepEqual((await useCases.agreements.list('user-bert')).map((v) => [v.agreement.id, v.status]), [['tou-it', 'accepted'], ['tou-byod', 'pendingNew'], ['tou-travel', 'pendingNew']]);
  });

  it('decide: records the decision at the current version with the time, and audits it', async function () {
    const bed = testBed({ termsOfUse: agreements });
    assert.ok((await bed.useCases.agreements.decide(actorFor('user-anna'), 'tou-travel', false)).ok);
    assert.deepEqual(await bed.ports.directory.listAgreementAcceptances('user-anna'), [{ agreementId: 'tou-travel', agreementVersion: '3', state: 'declined', recordedDateTime: bed.clock.now().toISOString() }]);
    assert.deepEqual(bed.ports.audit.entries.map((e) => [e.action, e.result, e.target]), [['termsofuse.decision', 'success', 'Travel policy 3 declined']]);
    const [view] = (await bed.useCases.agreements.list('user-anna')).filter((v) => v.agreement.id === 'tou-travel');
    assert.equal(view?.status, 'declined');
  });

  it('decide: an unknown agreement is notFound and nothing is recorded', async function () {
    const bed = testBed();
    assert.deepEqual(await bed.useCases.agreements.decide(actorFor('user-anna'), 'tou-nowhere', true), { ok: false, error: 'notFound' });
    assert.deepEqual(await bed.ports.directory.listAgreementAcceptances('user-anna'), []);
    assert.deepEqual(bed.ports.audit.entries, []);
  });

  it('agreementText: the user\'s language, else English, else any', function () {
    const [itUse, byod] = [agreements[0], agreements[1]];
    assert.ok(itUse && byod);
    assert.deepEqual(agreementText(itUse, 'sv'), { text: 'Använd IT-resurser ansvarsfullt.', language: 'sv' });
    assert.deepEqual(agreementText(itUse, 'nl'), { text: 'Use IT resources responsibly.', language: 'en' });
    assert.deepEqual(agreementText(byod, 'nl'), { text: 'Appareils personnels', language: 'fr' });
    // A blank text in the user's language is no text: the next language is shown, and nothing when all are blank.
    assert.deepEqual(agreementText({ ...itUse, content: { nl: ' ', en: 'Use IT resources responsibly.' } }, 'nl'), { text: 'Use IT resources responsibly.', language: 'en' });
    assert.deepEqual(agreementText({ ...itUse, content: { nl: '', en: '\n' } }, 'nl'), { text: '', language: 'nl' });
  });
});
