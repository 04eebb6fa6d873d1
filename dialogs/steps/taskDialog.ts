// A goal the helpdesk sent back to the user as a self-service task: run it, and when the change it
// asks for succeeded, resolve the ticket with a note and tell the agent.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GoalIntent } from '../../bot/core/goals.js';
import { toLocale, translator } from '../../bot/core/i18n/i18n.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { completeTask } from '../../bot/core/usecases/tickets.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, signedInUserId } from '../goalSupport.js';

export interface TaskOptions {
  readonly goal: GoalIntent;
  readonly dialogId: string;
  readonly ticket: string;
  readonly target?: string;
  /** When the task started: only changes made since then complete it. */
  readonly since: string;
}

export class TaskDialog extends WaterfallDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.task, []);
    this.addStep(this.runGoal.bind(this));
    this.addStep(this.complete.bind(this));
  }

  private async runGoal(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TaskOptions;
    return step.beginDialog(options.dialogId, options.target ? { target: options.target } : undefined);
  }

  private async complete(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as TaskOptions;
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const outcome = await completeTask(this.services, actorFor(step.context, userId), options.ticket, options.goal, options.since);
    if (!outcome.ok) return step.endDialog();
    await step.context.sendActivity(t.t('ticket.user.taskCompleted', { number: outcome.ticket.number }));
    const agentId = outcome.ticket.assignedTo;
    if (agentId) {
      const agent = await this.services.directory.findUserById(agentId);
      const at = translator(toLocale(agent?.preferredLanguage) ?? 'en');
      await this.services.proactive.send(agentId, [{ text: at.t('agent.taskCompleted', { number: outcome.ticket.number, user: outcome.ticket.userDisplayName }) }]);
    }
    return step.endDialog();
  }
}
