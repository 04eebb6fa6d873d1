// devices.view: the user's devices, newest first: OS and version, join type, last sign-in, state.
import { devicesCard } from '../../cards/deviceCards.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

export const DevicesViewDialog = viewGoal('devices.view', async ({ context, t, user, useCases }) => {
  const devices = await useCases.devices.active(user.id);
  await context.sendActivity(devices.length === 0
    ? t.t('devices.none')
    : MessageFactory.attachment(devicesCard(t, devices, useCases.clock.now()), t.t('devices.intro', { count: devices.length })));
});
