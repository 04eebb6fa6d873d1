import assert from 'node:assert/strict';
import path from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig, loadTeamsAppSettings } from '../../bot/config.js';
import { paths } from '../../bot/paths.js';

describe('config', function () {
  it('defaults to local mode on loopback with the demo tenant', function () {
    const config = loadConfig({}, '/srv/app');
    assert.equal(config.localMode, true);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, path.resolve('/srv/app', 'data'));
    assert.equal(config.tenantSeed, paths.demoTenant);
    assert.ok(Object.isFrozen(config));
  });

  it('with app credentials, binds HOST (default all interfaces)', function () {
    const config = loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' });
    assert.equal(config.localMode, false);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', HOST: '10.0.0.5' }).host, '10.0.0.5');
  });

  it('BOT_DOMAIN gives the https origin Teams loads card images from; a URL or path in it is refused, naming it', function () {
    assert.equal(loadConfig({}).publicOrigin, undefined);
    assert.equal(loadConfig({ BOT_DOMAIN: 'Assistant.Contoso.example' }).publicOrigin, 'https://assistant.contoso.example');
    for (const bad of ['https://assistant.contoso.example', 'assistant.contoso.example/api', 'assistant contoso']) {
      assert.throws(() => loadConfig({ BOT_DOMAIN: bad }), (error: unknown) => error instanceof ConfigError && error.variable === 'BOT_DOMAIN', bad);
    }
  });

  it('local mode ignores HOST: it never leaves loopback', function () {
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '127.0.0.1');
  });

  const refusals: [string, NodeJS.ProcessEnv, string][] = [
    ['an app id without a password', { MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
    ['a password without an app id', { MicrosoftAppPassword: 'pw' }, 'MicrosoftAppId'],
    ['a single-tenant app without a tenant', { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    ['an unknown app type', { MicrosoftAppType: 'Sometimes' }, 'MicrosoftAppType'],
    ['a port that is not a number', { PORT: 'eighty' }, 'PORT'],
    ['a port out of range', { PORT: '70000' }, 'PORT'],
    ['an unknown log level', { LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    ['an unknown storage', { STORAGE: 'cosmos' }, 'STORAGE'],
    ['Azure storage without a connection string', { STORAGE: 'azure' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    ['a table name a table cannot have', { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_TABLE: 'my-table' }, 'AZURE_STORAGE_TABLE'],
    ['a container name a container cannot have', { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'State' }, 'AZURE_STORAGE_CONTAINER'],
    ['a web sign-in app without a tenant', { WEB_SIGNIN_CLIENT_ID: '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b' }, 'WEB_SIGNIN_TENANT_ID'],
    ['a web sign-in tenant without an app', { WEB_SIGNIN_TENANT_ID: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71' }, 'WEB_SIGNIN_CLIENT_ID'],
    ['a web sign-in authority over plain http elsewhere than this machine', { WEB_SIGNIN_CLIENT_ID: '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b', WEB_SIGNIN_TENANT_ID: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71', WEB_SIGNIN_AUTHORITY_HOST: 'http://login.example' }, 'WEB_SIGNIN_AUTHORITY_HOST'],
    ['a bot domain given as a URL', { BOT_DOMAIN: 'https://bot.contoso.example/' }, 'BOT_DOMAIN'],
  ];
  for (const [what, env, variable] of refusals) {
    it(`refuses ${what}, naming ${variable}`, function () {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(variable));
    });
  }

  it('offers Microsoft sign-in on the page only with an app and a tenant; the authority defaults to Entra ID', function () {
    assert.equal(loadConfig({}).webSignIn, undefined);
    assert.deepEqual(loadConfig({ WEB_SIGNIN_CLIENT_ID: '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b'.toUpperCase(), WEB_SIGNIN_TENANT_ID: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71' }).webSignIn,
      { clientId: '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b', tenantId: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71', authorityHost: 'https://login.microsoftonline.com' });
    assert.equal(loadConfig({ WEB_SIGNIN_CLIENT_ID: '3c9b2d10-7e44-4f0b-a1c2-5d6e7f809a1b', WEB_SIGNIN_TENANT_ID: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71', WEB_SIGNIN_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).webSignIn?.authorityHost, 'https://login.microsoftonline.us');
  });

  it('turns the Teams tab\'s sign-on on with an app id and a tenant id: audiences the app id and its botid resources', function () {
    const app = { MicrosoftAppId: '5D2E7C41-93B8-4F6A-B0D2-7A1C3E5F9B28', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71' };
    assert.equal(loadConfig({}).tab, undefined);
    assert.equal(loadConfig({ MicrosoftAppId: app.MicrosoftAppId, MicrosoftAppPassword: 'pw' }).tab, undefined);
    assert.deepEqual(loadConfig({ ...app, BOT_DOMAIN: 'Bot.Contoso.example' }).tab, {
      appId: '5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28', tenantId: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71', authorityHost: 'https://login.microsoftonline.com',
      audiences: ['5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28', 'api://botid-5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28', 'api://bot.contoso.example/botid-5d2e7c41-93b8-4f6a-b0d2-7a1c3e5f9b28'],
    });
    assert.equal(loadConfig({ ...app, WEB_SIGNIN_AUTHORITY_HOST: 'https://login.microsoftonline.us' }).tab?.authorityHost, 'https://login.microsoftonline.us');
  });

  it('takes the Direct Line secret with app credentials only (local mode has its own Direct Line); the endpoint defaults to the global one', function () {
    assert.equal(loadConfig({ DIRECT_LINE_SECRET: 's' }).directLine, undefined);
    const azure = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', DIRECT_LINE_SECRET: 's' };
    assert.deepEqual(loadConfig(azure).directLine, { secret: 's', endpoint: 'https://directline.botframework.com' });
    assert.equal(loadConfig({ ...azure, DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/' }).directLine?.endpoint, 'https://europe.directline.botframework.com');
    assert.throws(() => loadConfig({ ...azure, DIRECT_LINE_ENDPOINT: 'http://directline.example' }), (error: unknown) => error instanceof ConfigError && error.variable === 'DIRECT_LINE_ENDPOINT');
  });

  it('resolves DATA_DIR and TENANT_SEED against the working directory', function () {
    const config = loadConfig({ DATA_DIR: 'state', TENANT_SEED: 'seeds/t.json', PORT: '0' }, '/srv/app');
    assert.equal(config.dataDir, '/srv/app/state');
    assert.equal(config.tenantSeed, '/srv/app/seeds/t.json');
    assert.equal(config.port, 0);
  });

  it('stores in DATA_DIR by default; STORAGE=azure takes the connection string and names with defaults', function () {
    assert.deepEqual(loadConfig({}).storage, { kind: 'file' });
    const secret = 'DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net';
    const config = loadConfig({ STORAGE: 'Azure', AZURE_STORAGE_CONNECTION_STRING: secret });
    assert.ok(config.storage.kind === 'azure');
    assert.equal(config.storage.connectionString, secret);
    assert.equal(config.storage.table, 'assistant');
    assert.equal(config.storage.container, 'assistant-state');
    const named = loadConfig({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: secret, AZURE_STORAGE_TABLE: 'botRecords', AZURE_STORAGE_CONTAINER: 'bot-state' }).storage;
    assert.deepEqual(named, { kind: 'azure', table: 'botRecords', container: 'bot-state' });
    // The connection string holds the account key: a config that is logged or serialized leaves it out.
    assert.doesNotMatch(JSON.stringify(config), /c2VjcmV0/);
    assert.doesNotMatch(inspect(config, { depth: 5 }), /c2VjcmV0/);
  });

  describe('DIRECTORY', function () {
    const tenant = 'd54ea6ee-2a9c-43c4-9c93-501825625040';
    const client = '11111111-2222-3333-4444-555555555555';
    const refused = (env: NodeJS.ProcessEnv, variable: string): void => {
      assert.throws(() => loadConfig(env, '/srv/bot'), (e: unknown) => e instanceof ConfigError && e.variable === variable, JSON.stringify(env));
    };

    it('is the embedded tenant unless set to graph', function () {
      assert.deepEqual(loadConfig({}, '/srv/bot').directory, { kind: 'embedded' });
      refused({ DIRECTORY: 'ldap' }, 'DIRECTORY');
    });

    it('graph needs the tenant id; the app identity comes as a pair; privileged capabilities need it and must exist', function () {
      refused({ DIRECTORY: 'graph' }, 'GRAPH_TENANT_ID');
      refused({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_ID: client }, 'GRAPH_CLIENT_SECRET');
      refused({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_SECRET: 's' }, 'GRAPH_CLIENT_ID');
      refused({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_PRIVILEGED: 'signins.view' }, 'GRAPH_PRIVILEGED');
      refused({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_ID: client, GRAPH_CLIENT_SECRET: 's', GRAPH_PRIVILEGED: 'organizations.leave' }, 'GRAPH_PRIVILEGED');
      refused({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_URL: 'http://graph.example' }, 'GRAPH_URL');
      const plain = loadConfig({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant }, '/srv/bot').directory;
      assert.ok(plain.kind === 'graph' && plain.app === undefined && plain.privileged.size === 0 && plain.graphUrl === 'https://graph.microsoft.com');
    });

    it('keeps the client secret out of anything logged or serialized', function () {
      const config = loadConfig({ DIRECTORY: 'graph', GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_ID: client, GRAPH_CLIENT_SECRET: 'c2VjcmV0LXZhbHVl', GRAPH_PRIVILEGED: 'signins.view, devices.disable' }, '/srv/bot');
      assert.ok(config.directory.kind === 'graph' && config.directory.app?.clientSecret === 'c2VjcmV0LXZhbHVl');
      assert.deepEqual(config.directory.kind === 'graph' ? [...config.directory.privileged].sort() : [], ['devices.disable', 'signins.view']);
      assert.doesNotMatch(JSON.stringify(config), /c2VjcmV0/);
      assert.doesNotMatch(inspect(config, { depth: 5 }), /c2VjcmV0/);
    });
  });

  describe('the Teams app package settings (npm run package:teams)', function () {
    const app = '4C5E2B1A-7D3F-4A8E-9B6C-1F2E3D4C5B6A';
    const bot = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const refused = (env: NodeJS.ProcessEnv, variable: string): void => {
      assert.throws(() => loadTeamsAppSettings(env), (e: unknown) => e instanceof ConfigError && e.variable === variable, JSON.stringify(env));
    };

    it('gives only what is set; the bot id is MicrosoftAppId unless BOT_ID is set', function () {
      assert.deepEqual(loadTeamsAppSettings({}), {});
      assert.deepEqual(loadTeamsAppSettings({ TEAMS_APP_ID: app, MicrosoftAppId: bot, BOT_DOMAIN: 'Assistant.Contoso.example' }),
        { TEAMS_APP_ID: app.toLowerCase(), BOT_ID: bot, BOT_DOMAIN: 'assistant.contoso.example' });
      const other = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
      assert.equal(loadTeamsAppSettings({ MicrosoftAppId: bot, BOT_ID: other }).BOT_ID, other);
    });

    it('refuses ids that are not GUIDs and a domain that is not a bare host name, naming the variable', function () {
      refused({ TEAMS_APP_ID: 'my-app' }, 'TEAMS_APP_ID');
      refused({ MicrosoftAppId: 'bot' }, 'MicrosoftAppId');
      refused({ MicrosoftAppId: bot, BOT_ID: 'bot' }, 'BOT_ID');
      for (const domain of ['https://assistant.contoso.example', 'assistant.contoso.example/tab', 'assistant.contoso.example:443', 'localhost']) {
        refused({ BOT_DOMAIN: domain }, 'BOT_DOMAIN');
      }
    });
  });
});

describe('config: OAUTH_CONNECTION_NAME', function () {
  const registered = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', DIRECTORY: 'graph', GRAPH_TENANT_ID: '8a1f0c2e-4b7d-4c55-9e0a-2f6b1d3c9e71' };

  it('is off when unset: the bot works without single sign-on', function () {
    assert.equal(loadConfig(registered).oauthConnectionName, undefined);
    assert.equal(loadConfig({ ...registered, OAUTH_CONNECTION_NAME: '  ' }).oauthConnectionName, undefined);
  });

  it('names the bot resource\'s OAuth connection', function () {
    assert.equal(loadConfig({ ...registered, OAUTH_CONNECTION_NAME: ' graph-sso ' }).oauthConnectionName, 'graph-sso');
    assert.equal(loadConfig({ ...registered, OAUTH_CONNECTION_NAME: 'Graph SSO_v2.1' }).oauthConnectionName, 'Graph SSO_v2.1');
  });

  it('refuses a name no connection has, local mode (no token service without the bot\'s credentials) and the embedded directory (no use for Graph tokens), naming the variable', function () {
    const embedded = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', OAUTH_CONNECTION_NAME: 'graph' };
    for (const env of [{ ...registered, OAUTH_CONNECTION_NAME: 'graph/../x' }, { ...registered, OAUTH_CONNECTION_NAME: '-graph' }, { OAUTH_CONNECTION_NAME: 'graph' }, embedded]) {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.variable === 'OAUTH_CONNECTION_NAME', JSON.stringify(env));
    }
  });
});
