// The bot with STORAGE=azure against Azurite, over POST /api/messages as Teams talks to it: it
// answers, its conversation state lives in the storage account (not in DATA_DIR), so a question
// asked before a restart is answered after it by an instance with a DATA_DIR of its own; and the
// connection string never reaches the log.
import assert from 'node:assert/strict';
import { TableRecords } from '../../../bot/adapters/azure/tableRecords.js';
import { startApp, type RunningApp } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { cardOf, cardTexts, sharedRecognizer, submitActions } from '../../dialogs/harness.js';
import { azurite, uniqueName } from '../../azurite.js';
import { captureLogs, demoUserNamed, filesIn, tempDir } from '../../helpers.js';
import { teamsChat } from './teamsChat.js';

describe('STORAGE=azure over /api/messages (Azurite)', function () {
  const t = translator('en');
  const logs = captureLogs();
  const folders: Awaited<ReturnType<typeof tempDir>>[] = [];
  let env: NodeJS.ProcessEnv;
  let app: RunningApp | undefined;

  const start = async (): Promise<RunningApp> => {
    const data = await tempDir();
    folders.push(data);
    return startApp(loadConfig({ PORT: '0', DATA_DIR: data.dir, ...env }), logs.logger, { recognizer: await sharedRecognizer() });
  };

  before(async function () {
    const { connectionString } = await azurite();
    env = { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_TABLE: uniqueName('assistant'), AZURE_STORAGE_CONTAINER: uniqueName('assistant-state-') };
  });
  after(async function () {
    await app?.stop();
    for (const data of folders) await data.remove();
  });

  it('answers a Teams user, and a question asked before a restart is answered after it', async function () {
    const anna = await demoUserNamed('anna');
    app = await start();
    assert.ok(app.records instanceof TableRecords, 'the record store is the table');
    const chat = () => teamsChat((app as RunningApp).url, { userId: anna.id, conversationId: 'a:azure-1' });

    const [profile] = await chat().say('show my profile');
    assert.ok(cardTexts(cardOf(profile as never)).includes(anna.displayName));
    const [question] = await chat().say('sign me out everywhere');
    assert.ok(cardTexts(cardOf(question as never)).includes(t.t('signout.heading')));
    const no = submitActions(cardOf(question as never)).find((data) => data.action === 'no');
    assert.ok(no);

    await app.stop();
    assert.deepEqual((await filesIn(folders[0]?.dir as string)).filter((f) => f.startsWith('records')), [], 'no state in DATA_DIR');
    app = await start();

    // The card of the first instance, clicked on the second: its dialog and its nonce were in Azure.
    const [kept] = await chat().send(no);
    assert.equal(kept?.text, t.t('signout.kept'));
    const [again] = await chat().send(no);
    assert.equal(again?.text, t.t('card.stale'), 'and it works once');
  });

  it('the connection string (its account key) is in no log line', function () {
    const key = /AccountKey=([^;]+)/.exec(env.AZURE_STORAGE_CONNECTION_STRING ?? '')?.[1] ?? '';
    assert.ok(key.length > 10);
    assert.ok(logs.lines.some((line) => line.includes('storage') && line.includes('azure')), 'the log says where state lives');
    for (const line of logs.lines) assert.ok(!line.includes(key) && !line.includes('AccountKey'), line);
  });
});
