// Loaded with `node --import` before the Agents Playground, which calls `server.listen(port)` with
// no host and so would listen on every interface: every listen without a host (a port, or
// options without `host`) binds 127.0.0.1 instead. Used by the Playground test and `npm run playground`.
import net from 'node:net';

const loopback = '127.0.0.1';
const listen = Reflect.get(net.Server.prototype, 'listen') as (this: net.Server, ...args: unknown[]) => net.Server;

function onLoopback(this: net.Server, ...args: unknown[]): net.Server {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, backlog][, cb]) or listen(port, host...): add the host only when none is given.
    if (typeof second !== 'string') args.splice(1, 0, loopback);
  } else if (first === undefined || typeof first === 'function') {
    args.splice(0, first === undefined ? 1 : 0, 0, loopback);
  } else if (typeof first === 'object' && first !== null && !('path' in first) && !('host' in first) && !('handle' in first) && !('_handle' in first)) {
    args[0] = { ...first, host: loopback };
  }
  return listen.apply(this, args);
}

net.Server.prototype.listen = onLoopback as typeof net.Server.prototype.listen;
