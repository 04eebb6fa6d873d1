// "The assistant is typing…" on slow turns: after `delay` ms without an answer, then every
// `period` ms until the turn ends. botbuilder's ShowTypingMiddleware does the same but, when a
// typing send fails after the turn has ended, it touches the revoked turn context and the process
// dies of an unhandled rejection; here a failed indicator is only logged. With expectReplies the
// replies travel in the HTTP response, so there is nothing to show and nothing is sent.
import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from '../logger.js';
import { isForBot, isSharedConversation } from './sharedConversation.js';

export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger, private readonly delay = 400, private readonly period = 2000) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== 'message' || activity.deliveryMode === 'expectReplies') return next();
    // A group chat's message that is not for the bot gets no answer, so no "typing" either.
    if (isSharedConversation(activity) && !isForBot(activity)) return next();
    const adapter = context.adapter;
    const typing = TurnContext.applyConversationReference({ type: ActivityTypes.Typing, relatesTo: activity.relatesTo }, TurnContext.getConversationReference(activity));
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (wait: number): void => {
      timer = setTimeout(() => {
        if (finished) return;
        // Straight to the adapter: a typing activity is not an answer and must not count as one.
        Promise.resolve()
          .then(() => adapter.sendActivities(context, [typing]))
          .catch((error: unknown) => this.logger.debug('typing indicator not sent', { error }))
          .finally(() => {
            if (!finished) schedule(this.period);
          });
      }, wait);
    };
    schedule(this.delay);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
