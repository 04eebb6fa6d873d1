// Notices: what the user's other channels are told after a change, with the time in the user's zone, named.
import assert from 'node:assert/strict';
import { regionalTag, translator } from '../../../../bot/core/i18n/i18n.js';
import { Notices } from '../../../../bot/core/usecases/notices.js';
import { anna, tenant } from '../../../fakes/memoryDirectory.js';
import { testBed } from '../../../fakes/testBed.js';

describe('Notices', function () {
  it('say the time of the change in the user\'s zone and name that zone', async function () {
    const bed = testBed({ tenant: tenant({ timeZone: 'Europe/Stockholm' }), users: [anna()] });
    const user = await bed.ports.directory.findUserById('user-anna');
    assert.ok(user);
    await new Notices({ directory: bed.ports.directory, notifier: bed.ports.notifier, clock: bed.clock }).send(user, 'passwordChanged', 'en', { methods: [] });
    const now = bed.clock.now();
    const t = translator('en', { region: regionalTag('en', user.preferredLanguage), timeZone: 'Europe/Stockholm' });
    const when = `${t.dateTime(now)} (${t.zoneName(now) ?? ''})`;
    assert.ok(t.zoneName(now), 'the zone has a name');
    assert.equal(bed.ports.notifier.sent[0]?.text, t.t('notice.passwordChanged', { organization: (await bed.ports.directory.tenant()).displayName, when, detail: '', helpdesk: (await bed.ports.directory.tenant()).helpdesk.displayName }));
  });
});
