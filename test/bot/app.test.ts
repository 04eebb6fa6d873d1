// What the start tells an admin about the tenant's settings.
import assert from 'node:assert/strict';
import { unreachableHelpdesk } from '../../bot/app.js';

describe('the start', function () {
  it('warns of a helpdesk that tickets cannot reach: no agents, and says whether users are given an e-mail or phone', function () {
    const helpdesk = { displayName: 'Service Desk', agents: [] as string[] };
    assert.match(unreachableHelpdesk(helpdesk) ?? '', /no agents, e-mail or phone/);
    assert.match(unreachableHelpdesk({ ...helpdesk, email: 'desk@example.com' }) ?? '', /users are given its e-mail or phone/);
    assert.equal(unreachableHelpdesk({ ...helpdesk, agents: ['user-oliver'] }), undefined);
  });
});
