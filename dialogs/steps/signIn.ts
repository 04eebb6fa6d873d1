// Signing in to the bot's OAuth connection where a goal needs the user's own token (the Graph
// directory's delegated goals) and the token service has none yet. In Teams the sign-in is silent
// (the card carries the token exchange resource; Teams answers with signin/tokenExchange); when
// the exchange fails (consent needed) Teams shows the card's button instead. Once signed in, the
// goal asked for starts, in the same turn. A goal can also ask the user to sign in again halfway
// (`signIn.again`: Microsoft wants a fresh MFA for a credential change) and goes on where it was.
// The token itself is only looked at to see that there is one: it is never kept in the dialog's state.
import type { GoalIntent } from '../../bot/core/goals.js';
import { supportedLocales, translator, type Locale } from '../../bot/core/i18n/i18n.js';
import type { Identity } from '../../bot/turn/identity.js';
import { setTurnInfo, turnInfo } from '../../bot/turn/turnInfo.js';
import { OAuthPrompt, WaterfallDialog, type Dialog, type DialogContext, type DialogTurnResult, type TurnContext, type WaterfallStepContext } from '../kit.js';
import { activeDialog, type StackState } from '../dialogStack.js';

/** How long the sign-in card waits. */
const signInTimeoutMs = 5 * 60_000;

export const signInIds = {
  flow: 'signIn',
  /** Signing in afresh in the middle of a goal (Microsoft's fresh-MFA rule); the goal goes on with a `SignedInAgain`. */
  again: 'signIn.again',
  /** One prompt a language: the card's title and text are fixed when the prompt is made. */
  prompt: (locale: Locale): string => `signIn.prompt.${locale}`,
} as const;

export interface SignInSettings {
  /** The bot resource's OAuth connection (OAUTH_CONNECTION_NAME). */
  readonly connectionName: string;
  /** Who the user is, asked again once the token service has their token. */
  identify(context: TurnContext): Promise<Identity>;
}

/** The goal to start once signed in (what RootDialog would have started). */
export interface SignInOptions {
  readonly goal: GoalIntent;
  readonly target?: string;
  readonly task?: string;
  /** The words that asked for the goal, when said in an earlier turn (see GoalOptions). */
  readonly said?: string;
}

/** What signing in again gives back to the goal that asked: whether the user did (the token stays with the token service). */
export interface SignedInAgain {
  readonly signedIn: boolean;
}

type StartGoal = (dc: DialogContext, options: SignInOptions) => Promise<DialogTurnResult>;

/** Whether the prompt ended with a token (the token is not read further). */
function hasToken(result: unknown): boolean {
  const token = (result as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token !== '';
}

/** The sign-in flow and its prompts, for the dialog set the goals are in (`start` begins the goal). */
export function signInDialogs(settings: SignInSettings, start: StartGoal): Dialog[] {
  const prompts = supportedLocales.map((locale) => {
    const t = translator(locale);
    return new OAuthPrompt(signInIds.prompt(locale), {
      connectionName: settings.connectionName,
      title: t.t('sso.card.title'),
      text: t.t('sso.card.text'),
      timeout: signInTimeoutMs,
      // Anything typed instead of signing in ends the sign-in (a new goal asked for starts as usual).
      endOnInvalidMessage: true,
    });
  });
  const flow = new WaterfallDialog<SignInOptions>(signInIds.flow, [
    async (step) => step.beginDialog(signInIds.prompt(turnInfo(step.context).t.locale)),
    async (step: WaterfallStepContext<SignInOptions>) => {
      const info = turnInfo(step.context);
      if (!hasToken(step.result)) {
        await step.context.sendActivity(info.t.t('sso.notSignedIn'));
        return step.endDialog();
      }
      // Signed in during this turn: the identity the turn began with may not have known the user yet.
      if (info.identity.kind !== 'user') setTurnInfo(step.context, { ...info, identity: await settings.identify(step.context) });
      return start(step, step.options);
    },
  ]);
  const again = new WaterfallDialog(signInIds.again, [
    async (step) => step.beginDialog(signInIds.prompt(turnInfo(step.context).t.locale)),
    async (step) => {
      if (!hasToken(step.result)) return step.endDialog({ signedIn: false } satisfies SignedInAgain);
      // The turn began while the token service had no token: who the user is may not have been known.
      const info = turnInfo(step.context);
      if (info.identity.kind !== 'user') setTurnInfo(step.context, { ...info, identity: await settings.identify(step.context) });
      return step.endDialog({ signedIn: true } satisfies SignedInAgain);
    },
  ]);
  return [flow, again, ...prompts];
}

/** Whether this dialog context waits for the user to sign in again (until then, who they are may be unknown). */
export const isSigningInAgain = (dc: DialogContext): boolean => dc.stack.some((d) => d.id === signInIds.again);

/** True when the innermost active dialog is a sign-in prompt: only then do the channel's sign-in answers go to the dialogs. */
export function isSignInWaiting(dialogState: StackState | undefined): boolean {
  return activeDialog(dialogState, (id) => supportedLocales.some((locale) => id === signInIds.prompt(locale))) !== undefined;
}

/** The OAuth connection's prompt, when the bot signs users in through one. */
function promptOf(dc: DialogContext): OAuthPrompt | undefined {
  const prompt = dc.findDialog(signInIds.prompt('en'));
  return prompt instanceof OAuthPrompt ? prompt : undefined;
}

/** Whether the bot signs users in through an OAuth connection (and so can sign them out of it). */
export const signsInWithConnection = (dc: DialogContext): boolean => promptOf(dc) !== undefined;

/** Signs the user out of the bot's OAuth connection (the token service forgets their token); false when there is none. */
export async function signOutOfTokenService(dc: DialogContext): Promise<boolean> {
  const prompt = promptOf(dc);
  if (!prompt) return false;
  await prompt.signOutUser(dc.context);
  return true;
}
