// The standard hand-off signal (`handoff.initiate`) for the channel to route the conversation to a
// person, carrying the ticket and its redacted transcript. Teams refuses event activities, so it is
// not sent there.
import { EventFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Ticket } from '../core/ports/tickets.js';

export async function sendHandoffInitiation(context: TurnContext, ticket: Ticket): Promise<void> {
  if (context.activity.channelId === 'msteams') return;
  // A transcript line is a message with a text, a time and who said it; the schema's Activity type
  // asks for every field a live activity has, which a transcript entry does not carry.
  const activities = ticket.transcript.map((line) => ({
    type: 'message', text: line.text, timestamp: new Date(line.at),
    from: { id: line.from === 'user' ? ticket.userId : 'bot', name: line.from, role: line.from },
  }) as Partial<Activity> as Activity);
  await context.sendActivity(EventFactory.createHandoffInitiation(context, { ticket: ticket.number, category: ticket.category, context: ticket.context }, { activities }));
}
