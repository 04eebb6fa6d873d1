// devices.view: the user's devices, newest first: OS and version, join type, last sign-in, state.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { devicesCard } from '../../cards/deviceCards.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

export class DevicesViewDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('devices.view', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const devices = await this.useCases.devices.active(user.id);
    if (devices.length === 0) {
      await context.sendActivity(t.t('devices.none'));
      return;
    }
    await context.sendActivity(MessageFactory.attachment(devicesCard(t, devices, this.useCases.clock.now()), t.t('devices.intro', { count: devices.length })));
  }
}
