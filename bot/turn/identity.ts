// Who is talking: only from trusted sources. On Teams the channel vouches for from.aadObjectId; on
// the web chat the user is the one bound to the Direct Line conversation our own server opened after
// a sign-in. Everything else in `from` is asserted by the client and never trusted.
import type { Directory, DirectoryUser } from '../core/ports/directory.js';

export type Identity =
  | { readonly kind: 'user'; readonly user: DirectoryUser }
  | { readonly kind: 'anonymous'; readonly reason: 'notSignedIn' | 'unknownUser' | 'accountDisabled' };

/** The part of an activity identity is read from. */
export interface ActivityIdentity {
  readonly channelId?: string;
  /** `aadObjectId` as the client sent it: checked here, never assumed to be a string. */
  readonly from?: { readonly id?: string; readonly aadObjectId?: unknown };
  readonly conversation?: { readonly id?: string };
}

/** Conversations opened by the bot's own Direct Line, each bound to the user who signed in (or nobody). */
export interface WebChatSessions {
  userForConversation(conversationId: string): Promise<{ readonly userId: string | undefined } | undefined>;
}

/** In Azure: the `dl_` user ids this server had the Direct Line token service issue, each bound to a user. */
export interface DirectLineUsers {
  userFor(chatUserId: string): Promise<string | undefined>;
}

export const webChatChannelId = 'directline';

/** What a directory object id can look like (a GUID in Entra ID): a short run of letters, digits and . _ @ -. */
const objectIdShape = /^[\w.@-]{1,128}$/;

/** The Teams user an activity names: `from.aadObjectId` on msteams when it is an id; anything else in it names nobody. */
export function teamsUserId(activity: ActivityIdentity): string | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  const id = activity.from?.aadObjectId;
  return typeof id === 'string' && objectIdShape.test(id) ? id : undefined;
}

export class IdentityResolver {
  constructor(
    private readonly directory: Directory,
    private readonly sessions: WebChatSessions | undefined,
    private readonly directLineUsers?: DirectLineUsers,
  ) {}

  async resolve(activity: ActivityIdentity): Promise<Identity> {
    const userId = (await this.trustedUserId(activity)) ?? (await this.directLineUser(activity));
    // Teams named someone, but not as an id (an array, a number, a path): nobody the directory has.
    if (userId === undefined && activity.channelId === 'msteams' && activity.from?.aadObjectId) return { kind: 'anonymous', reason: 'unknownUser' };
    if (userId === undefined) return { kind: 'anonymous', reason: 'notSignedIn' };
    const user = await this.directory.findUserById(userId);
    if (!user) return { kind: 'anonymous', reason: 'unknownUser' };
    // The channel vouches for who this is: they may know their own account is disabled (and nothing more).
    if (!user.accountEnabled) return { kind: 'anonymous', reason: 'accountDisabled' };
    return { kind: 'user', user };
  }

  private async trustedUserId(activity: ActivityIdentity): Promise<string | undefined> {
    if (activity.channelId === 'msteams') return teamsUserId(activity);
    if (activity.channelId === webChatChannelId && this.sessions && activity.conversation?.id) {
      const bound = (await this.sessions.userForConversation(activity.conversation.id))?.userId;
      // The Direct Line sets `from` itself; a mismatch means the activity did not come through it.
      return bound !== undefined && activity.from?.id === bound ? bound : undefined;
    }
    return undefined;
  }

  /** In Azure: the Direct Line service sets `from.id` to its token's `dl_` id (enhanced authentication); this server bound that id. */
  private async directLineUser(activity: ActivityIdentity): Promise<string | undefined> {
    if (activity.channelId !== webChatChannelId || this.sessions || !this.directLineUsers || !activity.from?.id) return undefined;
    return this.directLineUsers.userFor(activity.from.id);
  }
}
