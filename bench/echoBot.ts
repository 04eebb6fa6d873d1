// The baselines of `npm run bench`: a bare botbuilder echo bot on the same stack (restify +
// CloudAdapter). With STATE_DIR set, an echo bot that also keeps each conversation's state (a count
// of its turns) in botbuilder's ConversationState over the assistant's own embedded store, written
// to disk on every turn as the assistant's state is (its own file, fsync, rename): what keeping
// state durably costs a bot that does nothing else.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { RecordStorage } from '../bot/channel/recordStorage.js';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
const stateDir = process.env.STATE_DIR;
const conversationState = stateDir ? new ConversationState(new RecordStorage(new FileRecords(stateDir))) : undefined;
const turnCount = conversationState?.createProperty<number>('turns');
bot.onMessage(async (context, next) => {
  if (conversationState && turnCount) {
    const count = (await turnCount.get(context, 0)) + 1;
    await turnCount.set(context, count);
    await context.sendActivity(`Echo ${count}: ${context.activity.text}`);
    await conversationState.saveChanges(context);
  } else {
    await context.sendActivity(`Echo: ${context.activity.text}`);
  }
  await next();
});
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Echo bot ready on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
