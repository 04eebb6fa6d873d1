// GET /api/dev/outbox?user=<userPrincipalName> (local mode only): what the Notifier "sent" a user,
// oldest first. The web chat page shows it as the user's phone and mailbox.
import type { Request, Response, Server } from 'restify';
import type { Directory } from '../core/ports/directory.js';
import type { SentNotification } from '../core/ports/notifier.js';

export interface Outbox {
  messagesFor(userId: string): Promise<readonly SentNotification[]>;
}

export function mountDevOutbox(server: Server, deps: { directory: Directory; outbox: Outbox }): void {
  server.get('/api/dev/outbox', async (req: Request, res: Response) => {
    const upn = (req.query as Record<string, unknown> | undefined)?.user;
    if (typeof upn !== 'string' || upn === '') {
      res.send(400, { error: { code: 'badRequest', message: 'Add ?user=<userPrincipalName>.' } });
      return;
    }
    const user = await deps.directory.findUserByPrincipalName(upn);
    // Codes: never kept by a cache.
    res.header('Cache-Control', 'no-store');
    res.send(200, user ? await deps.outbox.messagesFor(user.id) : []);
  });
}
