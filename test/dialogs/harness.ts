// Runs the real bot (root dialog, recognizer, embedded directory) on botbuilder's TestAdapter,
// as a user on the msteams channel, so conversation tests read like transcripts.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { composeBot } from '../../bot/app.js';
import { EmbeddedDirectory } from '../../bot/adapters/embedded/embeddedDirectory.js';
import { silentLogger } from '../../bot/logger.js';
import { NlpRecognizer } from '../../bot/nlu/recognizer.js';
import { paths } from '../../bot/paths.js';
import { tempDir } from '../helpers.js';

let recognizer: Promise<NlpRecognizer> | undefined;
export const sharedRecognizer = (): Promise<NlpRecognizer> => (recognizer ??= NlpRecognizer.load());

export interface Harness {
  readonly directory: EmbeddedDirectory;
  /** A new conversation as the given directory user (undefined: nobody signed in), on Teams. */
  conversation(userId: string | undefined, locale?: string): TestAdapter;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const data = await tempDir();
  const directory = await EmbeddedDirectory.open({ dataDir: data.dir, seedFile: paths.demoTenant, logger: silentLogger });
  const recognizerInstance = await sharedRecognizer();
  return {
    directory,
    conversation(userId, locale = 'en-US') {
      const { bot } = composeBot({ directory, recognizer: recognizerInstance, storage: new MemoryStorage() });
      const adapter = new TestAdapter((context) => bot.run(context), {
        channelId: 'msteams',
        locale,
        from: { id: 'teams-user', name: 'Teams user', aadObjectId: userId },
      });
      return adapter;
    },
    close: data.remove,
  };
}

/** The Adaptive Card content of a reply, or undefined. */
export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, unknown> | undefined;
}

/** Every text of a card (TextBlocks, fact titles and values, action titles), flattened. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') out.push(o[key]);
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}
