// The base of every dialog with steps: a component dialog whose waterfalls are typed by their
// options, with what each step needs at hand (the translator, the signed-in user, the actor a
// change is recorded with, a card to ask with and its answer read back safely). It always holds the
// card prompt; the reusable steps a dialog uses are passed to it once.
import type { DirectoryUser } from '../bot/core/ports/directory.js';
import type { Params, Translator } from '../bot/core/i18n/i18n.js';
import type { Actor } from '../bot/core/usecases/actor.js';
import type { UseCases } from '../bot/core/usecases/useCases.js';
import { actorFor, sayCancelled, signedInUser, translatorOf } from './dialogSupport.js';
import { ComponentDialog, WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from './kit.js';
import { ask, CardPrompt, cardAnswerOf, type CardAnswer } from './steps/cardPrompt.js';
import type { FormSpec } from '../cards/formCard.js';

/** A waterfall step whose options are typed. */
export type Step<O extends object> = (step: WaterfallStepContext<O>) => Promise<DialogTurnResult>;

export abstract class AssistantDialog<O extends object> extends ComponentDialog {
  protected constructor(id: string, protected readonly useCases: UseCases, parts: readonly Dialog[] = []) {
    super(id);
    this.addDialog(new CardPrompt());
    for (const part of parts) this.addDialog(part);
  }

  /** The dialog's main waterfall (`<id>.steps`), where it starts. */
  protected steps(steps: readonly Step<O>[], id = `${this.id}.steps`): void {
    this.waterfall(id, steps);
    this.initialDialogId = id;
  }

  /** Another waterfall of this dialog, with options of its own (begun or replaced by id). */
  protected waterfall<P extends object>(id: string, steps: readonly Step<P>[]): void {
    this.addDialog(new WaterfallDialog<P>(id, steps.map((s) => s.bind(this))));
  }

  protected t(step: WaterfallStepContext<object>): Translator {
    return translatorOf(step.context);
  }

  protected say(step: WaterfallStepContext<object>, key: string, params?: Params): Promise<unknown> {
    return step.context.sendActivity(this.t(step).t(key, params));
  }

  /** The signed-in user, when there is one. */
  protected user(step: WaterfallStepContext<object>): DirectoryUser | undefined {
    return signedInUser(step.context);
  }

  /** Who acts: the signed-in user, or the user a verification proved (a reset). */
  protected actor(step: WaterfallStepContext<object>, userId: string): Actor {
    return actorFor(step.context, userId);
  }

  /** Shows a card whose answer is the next step's result. */
  protected ask(step: WaterfallStepContext<object>, form: FormSpec, options: { acceptsText?: boolean; secret?: boolean; describesGoal?: boolean; answersLanguage?: boolean } = {}): Promise<DialogTurnResult> {
    return ask(step, { form, ...options });
  }

  /** The card answer this step was given (anything else counts as "cancel"). */
  protected answer(step: WaterfallStepContext<object>): CardAnswer {
    return cardAnswerOf(step.result);
  }

  /** What this run of the dialog keeps between its steps (never a secret). */
  protected memory<V extends object>(step: WaterfallStepContext<object>): Partial<V> {
    return step.values;
  }

  /** Ends the dialog after the user stopped it: nothing was changed. */
  protected async cancelled(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    await sayCancelled(step);
    return step.endDialog();
  }
}
