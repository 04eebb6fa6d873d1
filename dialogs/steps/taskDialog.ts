// A goal the helpdesk sent back to the user as a self-service task: run it, and when the change it
// asks for succeeded, resolve the ticket, thank the user and tell the agent.
import type { GoalIntent } from '../../bot/core/goals.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, signedInUser, translatorOf } from '../dialogSupport.js';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { tellTaskDone } from './helpdeskNews.js';

export interface TaskOptions {
  readonly goal: GoalIntent;
  readonly ticket: string;
  readonly target?: string;
  /** When the task started: only changes made since then complete it. */
  readonly since: string;
}

type TaskStep = WaterfallStepContext<TaskOptions>;

export class TaskDialog extends WaterfallDialog<TaskOptions> {
  constructor(private readonly useCases: UseCases) {
    super(dialogIds.task, []);
    this.addStep(this.runGoal.bind(this));
    this.addStep(this.complete.bind(this));
  }

  private async runGoal(step: TaskStep): Promise<DialogTurnResult> {
    const { goal, target } = step.options;
    return step.beginDialog(goal, target ? { target } : undefined);
  }

  private async complete(step: TaskStep): Promise<DialogTurnResult> {
    const user = signedInUser(step.context);
    if (!user) return step.endDialog();
    const { goal, ticket, since } = step.options;
    const done = await this.useCases.helpdesk.completeTask(actorFor(step.context, user.id), ticket, goal, since);
    if (!done.ok) return step.endDialog();
    await step.context.sendActivity(translatorOf(step.context).t('ticket.user.taskCompleted', { number: done.value.number }));
    await tellTaskDone(this.useCases, done.value);
    return step.endDialog();
  }
}
