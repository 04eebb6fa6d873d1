// botbuilder's CloudAdapter builds, for every turn, a ConnectorClient for the channel's service and a
// UserTokenClient for the bot, each over a new HTTP pipeline of a dozen policies: about 4 % of the
// server's CPU on turns that only answer. Both belong to the bot, not to the user: they carry the
// bot's app id and credentials (which fetch and renew their own tokens) and the channel's address,
// and each request signs itself, so nothing of one turn stays in them for the next. They are kept
// per app id, service URL and audience; service URLs come from activities, so at most `size`
// clients are kept, oldest dropped.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BoundedCache } from '../core/boundedCache.js';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** The bot's app id the clients are made for, as botframework-connector reads it: the token's audience, else its appid claim (the Emulator's). */
function appIdOf(identity: ClaimsIdentity): string | null {
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid');
}

/** Clients kept by key; a client whose making failed is not kept. */
class Kept<T> extends BoundedCache<Promise<T>> {
  made(key: string, make: () => Promise<T>): Promise<T> {
    return this.get(key, () => {
      const made = make();
      made.catch(() => this.forget(key, made));
      return made;
    });
  }
}

export class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients: Kept<ConnectorClient>;
  private readonly userTokenClients: Kept<UserTokenClient>;

  constructor(options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0], size = 32) {
    super(options);
    this.connectorClients = new Kept(size);
    this.userTokenClients = new Kept(size);
  }

  /** How many clients are kept (connector clients, user token clients). */
  get kept(): { readonly connectorClients: number; readonly userTokenClients: number } {
    return { connectorClients: this.connectorClients.count, userTokenClients: this.userTokenClients.count };
  }

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(super.createConnectorFactory(identity), identity);
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.made(JSON.stringify([appIdOf(identity)]), () => super.createUserTokenClient(identity));
  }

  private keeping(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(identity);
    return {
      create: (serviceUrl: string, audience?: string) => this.connectorClients.made(JSON.stringify([appId, serviceUrl, audience ?? null]), () => factory.create(serviceUrl, audience)),
    };
  }
}
