// Account assistant web page: demo sign-in, Bot Framework Web Chat, and the demo phone & mailbox.
// Plain ES module, no build step. All server text is inserted with textContent, never innerHTML.

import { chatLook } from './chatTheme.js';

const $ = (id) => document.getElementById(id);
const el = {
  form: $('signin-form'), account: $('account'), password: $('password'), signinButton: $('signin-button'),
  anonymousButton: $('anonymous-button'), error: $('signin-error'), notice: $('demo-notice'),
  signinPanel: $('signin-panel'), chatPanel: $('chat-panel'), chatStatus: $('chat-status'), layout: $('chat-layout'),
  chat: $('chat'), sessionBar: $('session-bar'), signedInAs: $('signed-in-as'), signoutButton: $('signout-button'),
  outbox: $('outbox'), details: $('outbox-details'), outboxList: $('outbox-list'), outboxStatus: $('outbox-status'),
  outboxOwner: $('outbox-owner'), outboxEmpty: $('outbox-empty'), outboxToggle: $('outbox-toggle'), outboxBadge: $('outbox-badge'),
  microsoft: $('microsoft-signin'), microsoftButton: $('microsoft-button'), microsoftError: $('microsoft-error'),
};

const LOCALES = { en: 'en-US', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };
const CHANNELS = { sms: 'SMS', email: 'E-mail', authenticator: 'Authenticator' }; // icons are drawn by styles.css
const POLL_MS = 2000;
const NETWORK_ERROR = 'Could not reach the server. Check your connection and try again.';
const useWebSocket = new URLSearchParams(location.search).get('ws') !== '0';
const narrow = matchMedia('(max-width: 720px)');
const dark = matchMedia('(prefers-color-scheme: dark)');

let accountsLoaded = false;
let outboxAvailable = true; // false once /api/dev/outbox answered 404 (not local mode)
/** The live chat: { token, chatUserId, upn, locale, directLine, subscription, abort, pollTimer, lastKey, loaded, startedAt }, or null. */
let session = null;

/** fetch with JSON in and out; resolves { status, ok, body }, rejects only when the request itself fails. */
async function api(path, { method = 'GET', body, token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, ok: res.ok, body: data };
}

const serverMessage = (res, fallback) => res.body?.error?.message || `${fallback} (HTTP ${res.status}).`;

// ---- Sign-in panel ----------------------------------------------------------------------------

async function loadAccounts() {
  try {
    const res = await api('/api/demo/accounts');
    if (res.status === 404) {
      el.account.replaceChildren(new Option('No demo accounts', ''));
      el.notice.textContent = 'Demo sign-in is not available on this server.';
      return;
    }
    if (!res.ok || !Array.isArray(res.body)) throw new Error(serverMessage(res, 'Could not load the demo accounts'));
    // new Option(text, value) sets plain text: no markup is interpreted.
    el.account.replaceChildren(...res.body.map((a) => new Option(`${a.displayName} (${a.userPrincipalName})`, a.userPrincipalName)));
    accountsLoaded = res.body.length > 0;
    setSigninEnabled(accountsLoaded);
    (accountsLoaded ? el.account : el.anonymousButton).focus();
  } catch (err) {
    el.account.replaceChildren(new Option('Demo accounts unavailable', ''));
    el.notice.textContent = `${err instanceof TypeError ? NETWORK_ERROR : err.message} Reload the page to try again.`;
  }
}

function setSigninEnabled(enabled) {
  for (const control of [el.account, el.password, el.signinButton]) control.disabled = !enabled;
}

function showSigninError(message, focusTarget) {
  el.error.textContent = message;
  el.password.setAttribute('aria-invalid', String(focusTarget === el.password));
  focusTarget?.focus();
  if (focusTarget === el.password) el.password.select();
}

/** Runs a sign-in request with the buttons disabled; shows network failures in the error region. */
async function busy(work) {
  if (!window.WebChat) return showSigninError('The chat component could not be loaded. Reload the page.', el.anonymousButton);
  const setBusy = (on) => {
    if (on) el.form.setAttribute('aria-busy', 'true'); else el.form.removeAttribute('aria-busy');
    setSigninEnabled(!on && accountsLoaded);
    el.anonymousButton.disabled = on;
  };
  el.error.textContent = '';
  setBusy(true);
  try { await work(); } catch { showSigninError(NETWORK_ERROR, null); } finally { setBusy(false); }
}

el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const userPrincipalName = el.account.value;
  const password = el.password.value;
  if (!userPrincipalName) return showSigninError('Choose an account.', el.account);
  if (!password) return showSigninError('Enter the password.', el.password);
  void busy(async () => {
    const res = await api('/api/demo/signin', { method: 'POST', body: { userPrincipalName, password } });
    if (!res.ok) return showSigninError(serverMessage(res, 'Sign-in failed'), el.password);
    startChat({ userPrincipalName, ...res.body, label: `Signed in as ${res.body.displayName}` });
  });
});

// ---- Sign in with Microsoft (when the server is configured for it) ----------------------------
// MSAL signs the user in (authorization code + PKCE, in a popup) with a nonce from this server;
// the server checks the ID token and answers with a chat token bound to the user.

let msalApp = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error('The sign-in component could not be loaded. Reload the page.')));
    document.head.append(script);
  });
}

async function microsoftClient({ clientId, authority }) {
  if (!msalApp) {
    if (!window.msal) await loadScript('/msal-browser.js');
    const app = new window.msal.PublicClientApplication({
      auth: { clientId, authority, redirectUri: `${location.origin}/signin-redirect.html` },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await app.initialize();
    msalApp = app;
  }
  return msalApp;
}

async function signInWithMicrosoft(microsoft) {
  el.microsoftError.textContent = '';
  el.microsoftButton.disabled = true;
  try {
    const app = await microsoftClient(microsoft);
    const nonce = await api('/api/signin/nonce', { method: 'POST', body: {} });
    if (!nonce.ok) throw new Error(serverMessage(nonce, 'Could not start the sign-in'));
    const result = await app.loginPopup({ scopes: ['openid', 'profile'], nonce: nonce.body.nonce, prompt: 'select_account' });
    const res = await api('/api/signin/microsoft', { method: 'POST', body: { idToken: result.idToken } });
    if (!res.ok) throw new Error(serverMessage(res, 'The sign-in was refused'));
    startChat({ ...res.body, label: `Signed in as ${res.body.displayName}` });
  } catch (err) {
    el.microsoftError.textContent = err?.errorCode === 'user_cancelled'
      ? 'The sign-in was cancelled.'
      : err instanceof TypeError ? NETWORK_ERROR : (err?.message || 'The sign-in failed. Try again.');
    el.microsoftButton.focus();
  } finally {
    el.microsoftButton.disabled = false;
  }
}

/** 'local' (the bot's own Direct Line), 'azure' (the Direct Line channel) or null (no web chat here). */
let chatMode = 'local';

async function offerMicrosoftSignIn() {
  const res = await api('/api/signin/config').catch(() => null);
  if (res?.ok) chatMode = res.body?.chat ?? null;
  const microsoft = res?.ok ? res.body?.microsoft : null;
  if (!microsoft) return;
  el.microsoft.hidden = false;
  el.microsoftButton.addEventListener('click', () => void signInWithMicrosoft(microsoft));
}

// "I can't sign in": a chat whose token binds no user; the bot then only offers password reset / unlock.
// Its demo phone & mailbox is that of the account chosen in the list (the person who is locked out).
el.anonymousButton.addEventListener('click', () => void busy(async () => {
  const res = await api(chatMode === 'azure' ? '/api/webchat/anonymous' : '/api/demo/anonymous', { method: 'POST', body: {} });
  if (!res.ok) return showSigninError(serverMessage(res, 'Could not start the chat'), el.anonymousButton);
  startChat({ ...res.body, displayName: undefined, userPrincipalName: el.account.value || null,
    label: 'Not signed in: password and unlock help' });
}));

// ---- Chat -------------------------------------------------------------------------------------

function showChatView(visible) {
  el.sessionBar.hidden = el.chatPanel.hidden = !visible;
  el.signinPanel.hidden = visible;
  syncHeaderHeight();
}

function startChat({ token, userId, domain, displayName, userPrincipalName, locale, label }) {
  const chatLocale = LOCALES[locale] || 'en-US';
  // The bot's own Direct Line in local mode; in Azure the Direct Line channel the token is for.
  const directLine = WebChat.createDirectLine({ domain: domain || `${location.origin}/v3/directline`, token, webSocket: useWebSocket });
  session = { token, chatUserId: userId, upn: userPrincipalName, locale: chatLocale, directLine, abort: new AbortController(), pollTimer: 0, lastKey: null, loaded: false, startedAt: Date.now() };
  el.password.value = el.notice.textContent = '';
  el.password.removeAttribute('aria-invalid');
  el.signedInAs.textContent = label;
  el.chat.dataset.state = 'connecting';
  showChatView(true);

  // Render into a fresh child so a later chat never reuses the previous React root.
  const host = Object.assign(document.createElement('div'), { className: 'chat-host' });
  el.chat.replaceChildren(host);
  WebChat.renderWebChat({ directLine, userID: userId, username: displayName, locale: chatLocale, ...chatLook(dark.matches) }, host);
  session.subscription = directLine.connectionStatus$.subscribe(onConnectionStatus);
  startOutbox(session);
  requestAnimationFrame(() => (el.chat.querySelector('input[type="text"], textarea') || el.chat).focus());
}

// Direct Line ConnectionStatus: 0 uninitialized, 1 connecting, 2 online, 3 expired token, 4 failed to connect, 5 ended.
function onConnectionStatus(status) {
  const problem = { 3: 'Your chat session has ended (it expired, or you signed out everywhere or changed your password). Sign out, then sign in again.',
    4: 'Could not connect to the chat service. Sign out and try again.' }[status];
  if (status === 2 || problem) {
    el.chat.dataset.state = problem ? 'error' : 'ready';
    el.chatStatus.textContent = problem ?? '';
  }
}

function endChat() {
  const s = session;
  if (!s) return;
  session = null;
  clearTimeout(s.pollTimer);
  s.abort.abort();
  s.subscription?.unsubscribe();
  try { s.directLine.end(); } catch { /* already closed */ }
  el.chat.replaceChildren();
  el.outboxList.replaceChildren();
  unseen = 0;
  showUnseen();
  setOutboxOpen(false);
  el.chat.dataset.state = 'idle';
  el.chatStatus.textContent = el.outboxStatus.textContent = '';
  showChatView(false);
  (accountsLoaded ? el.account : el.anonymousButton).focus();
}

el.signoutButton.addEventListener('click', async () => {
  if (!session) return;
  el.signoutButton.disabled = true;
  const signOut = chatMode === 'azure'
    ? api('/api/webchat/signout', { method: 'POST', body: { userId: session.chatUserId } })
    : api('/api/demo/signout', { method: 'POST', token: session.token });
  const ok = await signOut.then((res) => res.ok, () => false); // 204
  el.signoutButton.disabled = false;
  endChat();
  if (!ok) el.notice.textContent = 'You left the chat, but the server could not be reached to end the session.';
});

// ---- Demo phone & mailbox ---------------------------------------------------------------------

function startOutbox(s) {
  el.outboxEmpty.hidden = false;
  el.outboxOwner.textContent = s.upn || '';
  setOutboxVisible(Boolean(s.upn) && outboxAvailable);
  if (!el.outbox.hidden) void pollOutbox(s);
}

function setOutboxVisible(visible) {
  el.outbox.hidden = !visible;
  el.outboxToggle.hidden = !visible;
  el.layout.classList.toggle('no-outbox', !visible);
}

// Phones: the demo phone is a sheet over the chat, opened from the header; a badge counts what
// arrived while it was closed.
let unseen = 0;
function setOutboxOpen(open) {
  el.layout.classList.toggle('outbox-open', open);
  el.outboxToggle.setAttribute('aria-expanded', String(open));
  if (open) {
    unseen = 0;
    showUnseen();
    el.outbox.scrollTop = 0;
  }
}
function showUnseen() {
  el.outboxBadge.hidden = unseen === 0;
  el.outboxBadge.textContent = String(unseen);
  el.outboxToggle.setAttribute('aria-label', unseen === 0 ? 'Demo phone' : `Demo phone, ${unseen} new`);
}
el.outboxToggle.addEventListener('click', () => setOutboxOpen(!el.layout.classList.contains('outbox-open')));

async function pollOutbox(s) {
  try {
    const res = await api(`/api/dev/outbox?user=${encodeURIComponent(s.upn)}`, { signal: s.abort.signal });
    if (s !== session) return;
    if (res.status === 404) {
      outboxAvailable = false;
      return setOutboxVisible(false);
    }
    if (!res.ok || !Array.isArray(res.body)) throw new Error(`HTTP ${res.status}`);
    renderOutbox(res.body, s);
    el.outboxStatus.textContent = '';
  } catch (err) {
    if (s !== session || err.name === 'AbortError') return;
    el.outboxStatus.textContent = 'Could not refresh the demo phone and mailbox. Retrying…';
  }
  s.pollTimer = setTimeout(() => void pollOutbox(s), POLL_MS);
}

const messageKey = (m) => `${m.sentAt}|${m.channel}|${m.to}|${m.text}`;

/** Adds only the messages not shown yet, newest at the top, so the live region announces just those. */
function renderOutbox(messages, s) {
  const keys = messages.map(messageKey);
  const start = s.lastKey === null ? 0 : keys.lastIndexOf(s.lastKey) + 1;
  if (s.lastKey !== null && start === 0) el.outboxList.replaceChildren(); // history changed under us: rebuild
  el.outboxList.setAttribute('aria-busy', 'true');
  const added = messages.slice(start);
  for (const m of added) el.outboxList.prepend(outboxItem(m, s.locale));
  // What was there before the chat started is not new; what came since is, until it is seen (also
  // when it came before the first look: a code can be sent before the first poll answers).
  const fresh = added.filter((m) => s.loaded || Date.parse(m.sentAt) >= s.startedAt - 5000);
  if (narrow.matches && !el.layout.classList.contains('outbox-open') && fresh.length > 0) {
    unseen += fresh.length;
    showUnseen();
  }
  s.loaded = true;
  el.outboxList.setAttribute('aria-busy', 'false');
  s.lastKey = keys.at(-1) ?? null;
  el.outboxEmpty.hidden = messages.length > 0;
  for (const time of el.outboxList.querySelectorAll('time')) time.textContent = relativeTime(time.dateTime, s.locale);
}

const part = (tag, className, text = '') => Object.assign(document.createElement(tag), { className, textContent: text });

function outboxItem(m, locale) {
  const li = part('li', 'outbox-item');
  li.dataset.channel = String(m.channel);
  const iconEl = part('span', 'outbox-icon');
  iconEl.setAttribute('aria-hidden', 'true');
  const time = part('time', 'outbox-time', relativeTime(m.sentAt, locale));
  time.dateTime = String(m.sentAt);
  if (!Number.isNaN(Date.parse(m.sentAt))) time.title = new Date(m.sentAt).toLocaleString(locale);
  const head = part('p', 'outbox-item-head');
  head.append(iconEl, part('strong', 'outbox-channel', CHANNELS[m.channel] || String(m.channel)), ' ', part('span', 'outbox-to', `to ${m.to}`), ' ', time);
  li.append(head, part('p', 'outbox-text', String(m.text)));
  return li;
}

/** "now", "2 minutes ago", "il y a 2 minutes", … in the chat's locale. */
function relativeTime(iso, locale) {
  const seconds = Math.min(0, (Date.parse(iso) - Date.now()) / 1000); // clock skew never shows "in …"
  if (Number.isNaN(seconds)) return '';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) if (-seconds >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(seconds > -10 ? 0 : Math.round(seconds), 'second');
}

// ---- Layout -----------------------------------------------------------------------------------

// Wide screens: the side panel is always there; phones: a sheet over the chat, opened from the
// header (its summary is a heading everywhere, never a disclosure).
const summary = el.details.querySelector('summary');
el.details.open = true;
summary.tabIndex = -1;
summary.addEventListener('click', (event) => event.preventDefault());
narrow.addEventListener('change', () => setOutboxOpen(false));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && el.layout.classList.contains('outbox-open')) {
    setOutboxOpen(false);
    el.outboxToggle.focus();
  }
});

// On phones the chat height is computed from the real header height.
const header = document.querySelector('.app-header');
function syncHeaderHeight() { document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`); }
new ResizeObserver(syncHeaderHeight).observe(header);

void loadAccounts();
void offerMicrosoftSignIn();
