// Profiles: the user's own profile with their manager, and the organization that manages it.
import assert from 'node:assert/strict';
import { testBed } from '../../../fakes/testBed.js';

describe('Profiles', function () {
  it('view: the profile, the manager as the directory has them, and the organization name', async function () {
    const view = await testBed().useCases.profiles.view('user-anna');
    assert.ok(view.ok);
    assert.equal(view.value.organizationName, 'Contoso');
    assert.equal(view.value.profile.userPrincipalName, 'anna.lindqvist@contoso.com');
    assert.deepEqual(view.value.profile.manager, { id: 'user-sven', displayName: 'Sven Berg', jobTitle: undefined });
  });

  it('view: someone the directory does not know is notFound', async function () {
    assert.deepEqual(await testBed().useCases.profiles.view('user-gone'), { ok: false, error: 'notFound' });
  });
});
