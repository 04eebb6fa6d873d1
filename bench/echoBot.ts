// The baselines of `npm run bench`: a bare botbuilder echo bot on the same stack (restify +
// CloudAdapter). With STATE_DIR set, an echo bot that also keeps each conversation's state (a count
// of its turns) in botbuilder's ConversationState over the assistant's own embedded store, written
// to disk on every turn as the assistant's state is (a line of the store's journal, synced): what
// keeping state durably costs a bot that does nothing else. With DIALOGS=1 too, the echo runs as the
// assistant's turns run, and with the assistant's own parts: a root component dialog begins a
// goal's component dialog, whose one waterfall step counts the turn and answers; the request's run
// through the adapter (without CloudAdapter.process's checks, which the server has made), the
// conversation and user state (eTag-checked, told changed by their text), the kept connector
// clients and the shared dialog memory scopes are the assistant's. What a turn costs before the
// assistant reads, decides or shows anything.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import restify, { type Request, type Response } from 'restify';
import { FileRecords } from '../bot/adapters/embedded/fileRecords.js';
import { runRequest } from '../bot/channel/botChannel.js';
import { ConcurrencyCheckedStorage } from '../bot/channel/checkedStorage.js';
import { AccountAdapter } from '../bot/channel/cloudAdapter.js';
import { shareDialogStateConfiguration } from '../bot/channel/dialogStateConfiguration.js';
import { KeptClientsAuthentication } from '../bot/channel/keptClients.js';
import { RecordStorage } from '../bot/channel/recordStorage.js';
import { TextTrackedConversationState, TextTrackedUserState } from '../bot/channel/textTrackedState.js';
import { silentLogger } from '../bot/logger.js';

const stateDir = process.env.STATE_DIR;
const dialogs = stateDir !== undefined && process.env.DIALOGS === '1';

function echoBot(dir: string | undefined): { adapter: CloudAdapter; bot: ActivityHandler } {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  const conversationState = dir ? new ConversationState(new RecordStorage(new FileRecords(dir))) : undefined;
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
  return { adapter, bot };
}

function dialogEchoBot(dir: string): { adapter: AccountAdapter; bot: ActivityHandler } {
  const adapter = new AccountAdapter(new KeptClientsAuthentication({}));
  const storage = new ConcurrencyCheckedStorage(new RecordStorage(new FileRecords(dir)));
  const conversationState = new TextTrackedConversationState(storage);
  const userState = new TextTrackedUserState(storage);
  const turnCount = conversationState.createProperty<number>('turns');
  const preferences = userState.createProperty<{ locale?: string }>('preferences');
  const goal = new ComponentDialog('goal').addDialog(new WaterfallDialog('goal.steps', [
    async (step) => {
      const count = (await turnCount.get(step.context, 0)) + 1;
      await turnCount.set(step.context, count);
      await step.context.sendActivity(`Echo ${count}: ${step.context.activity.text}`);
      return step.endDialog();
    },
  ]));
  // The first dialog added to a component is the one it begins with.
  const root = new ComponentDialog('root').addDialog(new WaterfallDialog('root.steps', [
    async (step) => step.beginDialog('goal'),
    async (step) => step.endDialog(),
  ])).addDialog(goal);
  const set = new DialogSet(conversationState.createProperty<DialogState>('dialogState')).add(root);
  const bot = new ActivityHandler();
  bot.onMessage(async (context: TurnContext, next) => {
    shareDialogStateConfiguration(context);
    await preferences.get(context, {});
    const dc = await set.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('root');
    await conversationState.saveChanges(context);
    await userState.saveChanges(context);
    await next();
  });
  return { adapter, bot };
}

const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
if (dialogs) {
  const { adapter, bot } = dialogEchoBot(stateDir);
  server.post('/api/messages', async (req: Request, res: Response) => {
    await runRequest(adapter, req, res, (context) => bot.run(context), silentLogger);
  });
} else {
  const { adapter, bot } = echoBot(stateDir);
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
}
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Echo bot ready on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
