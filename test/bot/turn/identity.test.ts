// Who is talking, only from trusted sources: Teams' aadObjectId on msteams; on the web chat the
// user bound to the bot's own Direct Line conversation (local mode) or to the dl_ id this server
// had the Direct Line token service issue (Azure). Anything else in `from` is not trusted.
import assert from 'node:assert/strict';
import { IdentityResolver, type DirectLineUsers, type WebChatSessions } from '../../../bot/turn/identity.js';
import { MemoryDirectory } from '../../fakes/memoryDirectory.js';

const bound: DirectLineUsers = { userFor: (id) => Promise.resolve(id === 'dl_bound-to-anna-0000000' ? 'user-anna' : undefined) };
const localSessions: WebChatSessions = { userForConversation: (id) => Promise.resolve(id === 'local-conversation' ? { userId: 'user-bert' } : undefined) };

describe('identity', function () {
  const directory = new MemoryDirectory();

  it('in Azure, a Direct Line user this server bound is that user; any other from.id is nobody', async function () {
    const resolver = new IdentityResolver(directory, undefined, bound);
    const anna = await resolver.resolve({ channelId: 'directline', from: { id: 'dl_bound-to-anna-0000000' }, conversation: { id: 'c1' } });
    assert.equal(anna.kind === 'user' ? anna.user.id : anna.kind, 'user-anna');
    for (const from of [{ id: 'dl_someone-else-00000000' }, { id: 'user-anna' }, { id: 'x', aadObjectId: 'user-anna' }]) {
      assert.deepEqual(await resolver.resolve({ channelId: 'directline', from, conversation: { id: 'c1' } }), { kind: 'anonymous', reason: 'notSignedIn' });
    }
    assert.deepEqual(await resolver.resolve({ channelId: 'webchat', from: { id: 'dl_bound-to-anna-0000000' } }), { kind: 'anonymous', reason: 'notSignedIn' }, 'only the Direct Line channel');
  });

  it('in local mode, only the bot\'s own Direct Line conversations count, whatever from.id says', async function () {
    const resolver = new IdentityResolver(directory, localSessions, bound);
    const bert = await resolver.resolve({ channelId: 'directline', from: { id: 'user-bert' }, conversation: { id: 'local-conversation' } });
    assert.equal(bert.kind === 'user' ? bert.user.id : bert.kind, 'user-bert');
    assert.deepEqual(await resolver.resolve({ channelId: 'directline', from: { id: 'dl_bound-to-anna-0000000' }, conversation: { id: 'other' } }), { kind: 'anonymous', reason: 'notSignedIn' });
  });

  it('on Teams, the aadObjectId; a user the directory does not have is unknown', async function () {
    const resolver = new IdentityResolver(directory, undefined, bound);
    const anna = await resolver.resolve({ channelId: 'msteams', from: { id: '29:x', aadObjectId: 'user-anna' } });
    assert.equal(anna.kind === 'user' ? anna.user.id : anna.kind, 'user-anna');
    assert.deepEqual(await resolver.resolve({ channelId: 'msteams', from: { id: '29:x', aadObjectId: 'nobody' } }), { kind: 'anonymous', reason: 'unknownUser' });
  });

  it('on Teams, an aadObjectId that is no id (an array, a number, an object, a path, too long) names nobody: the user is unknown', async function () {
    // A directory that reads any id as text, as a store keyed by strings does: ['user-anna'] would be Anna.
    const lenient = Object.create(directory) as MemoryDirectory;
    lenient.findUserById = (id) => directory.findUserById(String(id));
    const resolver = new IdentityResolver(lenient, undefined, bound);
    for (const aadObjectId of [['user-anna'], 12345, { id: 'user-anna' }, '../user-anna', 'user anna', `user-anna${'x'.repeat(200)}`]) {
      assert.deepEqual(await resolver.resolve({ channelId: 'msteams', from: { id: '29:x', aadObjectId } }), { kind: 'anonymous', reason: 'unknownUser' }, JSON.stringify(aadObjectId));
    }
  });
});
