// The lint fences of eslint.config.js: each layer may import only what it is allowed to, the Bot
// Framework SDK only at the edge, process.env only in the configuration. Each case lints a line of
// code as if it stood in a real file of that layer, and checks the fence stops it (or lets it by).
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { paths } from '../bot/paths.js';

const fenceRules = new Set(['no-restricted-imports', 'no-restricted-properties']);

describe('lint fences', function () {
  this.timeout(120_000);
  let eslint: ESLint;
  before(() => (eslint = new ESLint({ cwd: paths.root })));

  /** The fence messages for `code` linted as the file at `file` (an existing file of that layer). */
  async function fenced(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: `${paths.root}/${file}` });
    const parsing = result?.messages.filter((m) => m.fatal) ?? [];
    assert.deepEqual(parsing, [], `${file} parses`);
    return (result?.messages ?? []).filter((m) => m.ruleId !== null && fenceRules.has(m.ruleId)).map((m) => m.message);
  }

  const usesSdk = "import { TurnContext } from 'botbuilder';\nexport const sdk: unknown = TurnContext;\n";
  const usesDialogsSdk = "import { WaterfallDialog } from 'botbuilder-dialogs';\nexport const sdk: unknown = WaterfallDialog;\n";

  it('a use case that imports botbuilder fails', async function () {
    const messages = await fenced('bot/core/usecases/devices.ts', usesSdk);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /Bot Framework SDK stays at the edge/);
  });

  it('the channel, the turn context and the local demo may import botbuilder', async function () {
    for (const file of ['bot/channel/accountBot.ts', 'bot/turn/turnInfo.ts', 'bot/localDemo/directLine.ts']) {
      assert.deepEqual(await fenced(file, usesSdk), [], file);
    }
  });

  it('a goal dialog that imports botbuilder-dialogs fails; dialogs/kit.ts may', async function () {
    assert.equal((await fenced('dialogs/goals/profileDialog.ts', usesDialogsSdk)).length, 1);
    assert.equal((await fenced('dialogs/steps/stepUpDialog.ts', usesDialogsSdk)).length, 1);
    assert.deepEqual(await fenced('dialogs/kit.ts', usesDialogsSdk), []);
  });

  it('cards, adapters and the composition root may not import botbuilder', async function () {
    for (const file of ['cards/formCard.ts', 'bot/adapters/records/recordTickets.ts', 'bot/app.ts']) {
      assert.equal((await fenced(file, usesSdk)).length, 1, file);
    }
  });

  it('the core imports nothing of the layers around it', async function () {
    const imports = [
      "import { EmbeddedDirectory } from '../../adapters/embedded/embeddedDirectory.js';\nexport const x: unknown = EmbeddedDirectory;\n",
      "import { turnInfo } from '../../turn/turnInfo.js';\nexport const x: unknown = turnInfo;\n",
      "import { formCard } from '../../../cards/formCard.js';\nexport const x: unknown = formCard;\n",
      "import { RootDialog } from '../../../dialogs/rootDialog.js';\nexport const x: unknown = RootDialog;\n",
    ];
    for (const code of imports) assert.equal((await fenced('bot/core/usecases/devices.ts', code)).length, 1, code);
  });

  it('cards may not import dialogs; dialogs may not import the channel or the adapters', async function () {
    assert.equal((await fenced('cards/formCard.ts', "import { sendMenu } from '../dialogs/replies.js';\nexport const x: unknown = sendMenu;\n")).length, 1);
    assert.equal((await fenced('dialogs/rootDialog.ts', "import { composeBot } from '../bot/channel/composeBot.js';\nexport const x: unknown = composeBot;\n")).length, 1);
    assert.equal((await fenced('dialogs/rootDialog.ts', "import { RecordTickets } from '../bot/adapters/records/recordTickets.js';\nexport const x: unknown = RecordTickets;\n")).length, 1);
  });

  it('the Teams app packager imports nothing of the bot', async function () {
    const code = "import { NlpRecognizer } from '../core/nlu/recognizer.js';\nexport const x: unknown = NlpRecognizer;\n";
    assert.equal((await fenced('bot/teamsApp/teamsPackage.ts', code)).length, 1);
    assert.equal((await fenced('bot/teamsApp/teamsPackage.ts', usesSdk)).length, 1);
  });

  it('only bot/config.ts reads process.env', async function () {
    const readsEnv = 'export const port = process.env.PORT;\n';
    assert.equal((await fenced('dialogs/goals/profileDialog.ts', readsEnv)).length, 1);
    assert.equal((await fenced('bot/channel/server.ts', readsEnv)).length, 1);
    assert.deepEqual(await fenced('bot/config.ts', readsEnv), []);
  });

});
