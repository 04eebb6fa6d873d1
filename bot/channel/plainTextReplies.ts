// Every message the bot sends has plain text, whether it answers a turn, goes out proactively (a
// ticket's news to its user, a new ticket to the agents) or opens a chat: names, descriptions and
// agents' comments in it come from people and the directory, and Teams and Web Chat would otherwise
// read "*" as emphasis, "[x](http://…)" as a link and "![x](http://…)" as an image to fetch. As
// adapter middleware it sees every turn context, proactive ones included, and updates as well.
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { visibleText } from '../core/visibleText.js';

/** A message with text and no format of its own gets the plain format; its text and speech lose control and direction-override characters (see visibleText.ts). */
function plain(activity: Partial<Activity>): void {
  if (typeof activity.text === 'string') activity.text = visibleText(activity.text);
  if (typeof activity.speak === 'string') activity.speak = visibleText(activity.speak);
  if (activity.type === 'message' && typeof activity.text === 'string' && activity.textFormat === undefined) activity.textFormat = 'plain';
}

export class PlainTextReplies implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, send) => {
      for (const activity of activities) plain(activity);
      return send();
    });
    context.onUpdateActivity(async (_ctx, activity, update) => {
      plain(activity);
      return update();
    });
    await next();
  }
}
