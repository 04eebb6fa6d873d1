// SignIns: recent sign-ins newest first, with failures and sign-ins from a country the account had not
// signed in from before marked as unusual.
import assert from 'node:assert/strict';
import type { SignIn } from '../../../../bot/core/ports/directory.js';
import { anna } from '../../../fakes/memoryDirectory.js';
import { testBed } from '../../../fakes/testBed.js';

const signIn = (id: string, day: number, countryOrRegion: string, errorCode = 0): SignIn => ({
  id, createdDateTime: `2025-03-${String(day).padStart(2, '0')}T08:00:00.000Z`, appDisplayName: 'Office 365', location: { countryOrRegion }, status: { errorCode },
});

const recent = async (signIns: SignIn[], top?: number, now?: Date): Promise<[string, string | undefined][]> =>
  (await testBed({ users: [anna({ signIns })] }, now).useCases.signIns.recent('user-anna', top)).map((v) => [v.signIn.id, v.reason]);

describe('SignIns', function () {
  it('newest first, at most `top`', async function () {
    const rows = await recent([signIn('s1', 1, 'SE'), signIn('s3', 3, 'SE'), signIn('s2', 2, 'SE')], 2);
    assert.deepEqual(rows.map(([id]) => id), ['s3', 's2']);
  });

  it('marks failures, and a country not signed in from before; the oldest sign-in is not unusual', async function () {
    assert.deepEqual(await recent([signIn('s1', 1, 'SE'), signIn('s2', 2, 'SE'), signIn('s3', 3, 'SE', 50126), signIn('s4', 4, 'BR'), signIn('s5', 5, 'BR')]), [
      ['s5', undefined], ['s4', 'newCountry'], ['s3', 'failure'], ['s2', undefined], ['s1', undefined],
    ]);
  });

  it('a failed sign-in from a country does not make that country known', async function () {
    assert.deepEqual(await recent([signIn('s1', 1, 'SE'), signIn('s2', 2, 'RU', 50126), signIn('s3', 3, 'RU')]), [['s3', 'newCountry'], ['s2', 'failure'], ['s1', undefined]]);
  });

  it('the first successful sign-in is not from a "new" country when older rows are failures', async function () {
    assert.deepEqual(await recent([signIn('s1', 1, 'SE', 50126), signIn('s2', 2, 'SE'), signIn('s3', 3, 'SE')]), [['s3', undefined], ['s2', undefined], ['s1', 'failure']]);
  });

  it('a sign-in whose result was not recorded is no failure, and does not make its country known', async function () {
    const unrecorded: SignIn = { ...signIn('s2', 2, 'BR'), status: {} };
    assert.deepEqual(await recent([signIn('s1', 1, 'SE'), unrecorded, signIn('s3', 3, 'BR')]), [['s3', 'newCountry'], ['s2', 'newCountry'], ['s1', undefined]]);
  });

  it('a sign-in time more than a few minutes ahead of the clock is marked', async function () {
    const now = new Date('2025-03-03T08:00:00.000Z');
    const skewed: SignIn = { ...signIn('s2', 3, 'SE'), createdDateTime: '2025-03-03T08:04:00.000Z' };
    assert.deepEqual(await recent([signIn('s1', 1, 'SE'), skewed, signIn('s3', 9, 'SE')], 10, now), [['s3', 'future'], ['s2', undefined], ['s1', undefined]]);
  });

  it('the usual country is the one of sign-ins from the user\'s own devices, even when a stranger\'s sign-in is the oldest in the list', async function () {
    const fromOwnLaptop: SignIn = { ...signIn('s2', 2, 'SE'), deviceDetail: { displayName: 'CON-LT-0142' } };
    assert.deepEqual(await recent([signIn('s1', 1, 'JP'), fromOwnLaptop]), [['s2', undefined], ['s1', 'newCountry']]);
    // Matched by the device's id too, whatever its name in the sign-in.
    const byId: SignIn = { ...signIn('s2', 2, 'SE'), deviceDetail: { deviceId: 'dev-anna-laptop-device', displayName: 'DESKTOP-1' } };
    assert.deepEqual(await recent([signIn('s1', 1, 'JP'), byId]), [['s2', undefined], ['s1', 'newCountry']]);
    // Neither: one sign-in each, nothing to tell them apart; the oldest sets what is usual, as before.
    assert.deepEqual(await recent([signIn('s1', 1, 'JP'), signIn('s2', 2, 'SE')]), [['s2', 'newCountry'], ['s1', undefined]]);
  });

  it('without sign-ins from own devices, the country most successful sign-ins come from is the usual one', async function () {
    assert.deepEqual(await recent([signIn('s1', 1, 'BR'), signIn('s2', 2, 'SE'), signIn('s3', 3, 'SE'), signIn('s4', 4, 'SE')]), [
      ['s4', undefined], ['s3', undefined], ['s2', undefined], ['s1', 'newCountry'],
    ]);
  });
});
