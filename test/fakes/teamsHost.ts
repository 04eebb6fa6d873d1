// A page shaped like a Teams client hosting a personal tab, for tests only: it frames the tab and
// answers the teams-js postMessage protocol the tab uses: initialize (frame context "content", a
// runtime of API version 4), getContext (the legacy context Teams sends: locale, user, tenant,
// theme), authentication.getAuthToken (a token the test made, or a refusal), executeDeepLink
// (recorded, then answered as done) and the app's success notice. Every request is kept in
// `window.teamsHostRequests` for the test to read. Built from teams-js 2.58's message shapes
// ({ id, uuidAsString, func, args } in, { id, uuidAsString, args } back).

export interface TeamsHostOptions {
  /** The tab's address, framed by the page. */
  readonly tabUrl: string;
  /** Teams' language for the user ("fr-FR"). */
  readonly locale: string;
  readonly userObjectId: string;
  readonly tenantId: string;
  readonly theme?: 'default' | 'dark' | 'contrast';
  /** What getAuthToken hands over; undefined makes it fail as Teams does without consent. */
  readonly token: string | undefined;
}

/** The host page's HTML (served by the test, e.g. through a Playwright route, at a Teams origin). */
export function teamsHostPage(options: TeamsHostOptions): string {
  const config = JSON.stringify({
    tabUrl: options.tabUrl,
    token: options.token ?? null,
    context: {
      locale: options.locale, userObjectId: options.userObjectId, tid: options.tenantId, theme: options.theme ?? 'default',
      frameContext: 'content', hostClientType: 'web', hostName: 'Teams', entityId: 'myAccount', appSessionId: 'test-session',
    },
    runtime: {
      apiVersion: 4,
      hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
      isLegacyTeams: false,
      supports: { appInstallDialog: {}, chat: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} },
    },
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Teams (test host)</title>
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style></head>
<body>
<script>
const config = ${config};
window.teamsHostRequests = [];
const frame = document.createElement('iframe');
frame.title = 'My account';
frame.src = config.tabUrl;
document.body.append(frame);
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  const request = event.data;
  if (!request || typeof request.func !== 'string') return;
  window.teamsHostRequests.push({ func: request.func, args: request.args });
  const reply = (args) => frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
  switch (request.func) {
    case 'initialize': return reply(['content', 'web', JSON.stringify(config.runtime), '2.58.0']);
    case 'getContext': return reply([config.context]);
    case 'authentication.getAuthToken': return reply(config.token ? [true, config.token] : [false, 'resourceRequiresConsent']);
    case 'executeDeepLink': return reply([true]);
    case 'appInitialization.success': return reply([true]);
    default: return undefined;
  }
});
</script>
</body>
</html>`;
}
