// Conversation and user state in Azure Blob Storage, for several instances of the bot sharing one
// storage account: botbuilder's BlobsStorage, a blob an item, its eTag the blob's ETag (a write
// with an eTag is an If-Match upload, so a stale one fails; composeBot wraps it in the
// eTag-checked storage as it does the file store).
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';

export interface BlobStateOptions {
  readonly connectionString: string;
  /** Lowercase letters, digits and single hyphens, 3 to 63; created when missing. */
  readonly container: string;
}

/** Opens the container (creating it if missing) and proves the account answers, before the bot takes turns. */
export async function openBlobStateStorage(options: BlobStateOptions): Promise<Storage> {
  const storage = new BlobsStorage(options.connectionString, options.container, {
    // Timeouts, throttling and server errors are tried again, with exponential back-off.
    storagePipelineOptions: { retryOptions: { maxTries: 5, retryDelayInMs: 200, maxRetryDelayInMs: 4_000, tryTimeoutInMs: 30_000 } },
  });
  // BlobsStorage creates its container on first use; a read of an item nobody writes is that use.
  await storage.read(['assistant/probe']);
  return storage;
}
