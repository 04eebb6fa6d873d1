// Account assistant web page: demo sign-in, Bot Framework Web Chat, and the demo phone & mailbox.
// Plain ES module, no build step. All text is inserted with textContent, never innerHTML.
// The page speaks the user's language: its strings are the page.* keys of the bot's locale files.

import { chatLook } from './chatTheme.js';

const $ = (id) => document.getElementById(id);
const el = {
  form: $('signin-form'), account: $('account'), password: $('password'), signinButton: $('signin-button'),
  anonymousButton: $('anonymous-button'), error: $('signin-error'), notice: $('demo-notice'),
  signinPanel: $('signin-panel'), chatPanel: $('chat-panel'), chatStatus: $('chat-status'), layout: $('chat-layout'),
  chat: $('chat'), sessionBar: $('session-bar'), signedInAs: $('signed-in-as'), signoutButton: $('signout-button'),
  outbox: $('outbox'), details: $('outbox-details'), outboxList: $('outbox-list'), outboxStatus: $('outbox-status'),
  outboxNote: $('outbox-note'), outboxEmpty: $('outbox-empty'), outboxToggle: $('outbox-toggle'), outboxBadge: $('outbox-badge'),
  microsoft: $('microsoft-signin'), microsoftButton: $('microsoft-button'), microsoftError: $('microsoft-error'),
  language: $('language'),
};

const POLL_MS = 2000;
const useWebSocket = new URLSearchParams(location.search).get('ws') !== '0';
const narrow = matchMedia('(max-width: 720px)');
const dark = matchMedia('(prefers-color-scheme: dark)');

let accountsLoaded = false;
let outboxAvailable = true; // false once /api/dev/outbox answered 404 (not local mode)
/**
 * The live chat: { token, chatUserId, displayName, upn, chatLanguage, directLine, store, host, subscription, abort,
 * pollTimer, lastKey, loaded, startedAt }, or null.
 */
let session = null;

// ---- Language ---------------------------------------------------------------------------------
// The page starts in the first of the browser's languages it speaks (or the one the user picked
// here before), offers a switcher, and follows the chat when the assistant changes language.
// An element shows the string named by its data-i18n (arguments in data-i18n-args, JSON), its
// aria-label the one named by data-i18n-aria-label; a change of language renders them all again.

const LOCALES = { en: 'en-US', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };
const LANGUAGE_KEY = 'assistant.pageLanguage';
/** Web Chat's own strings that the page words as the assistant does ("je", not "u", in Dutch). */
const WEBCHAT_STRINGS = {
  TEXT_INPUT_PLACEHOLDER: 'page.webchat.textInputPlaceholder',
  ACTIVITY_YOU_SAID_ALT: 'page.webchat.youSaid',
  ACTIVITY_YOU_ATTACHED_ALT: 'page.webchat.youAttached',
};
const CHANNELS = { sms: 'page.outbox.channel.sms', email: 'page.outbox.channel.email', authenticator: 'page.outbox.channel.authenticator' }; // icons are drawn by styles.css

let language = 'en';
/** The strings of `language`: empty until they are loaded (the page's markup is English meanwhile). */
let strings = {};
/** Language → promise of its strings (null when they could not be loaded; a later attempt tries again). */
const stringTables = new Map();
let languageRequest = 0;

const toLanguage = (tag) => {
  const code = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return Object.hasOwn(LOCALES, code) ? code : undefined;
};
const browserTags = () => (navigator.languages?.length ? navigator.languages : [navigator.language]);

/** The tag for the current language: the browser's own region when it has one ("en-GB"), else the usual one. */
function localeTag() {
  for (const tag of browserTags()) {
    if (toLanguage(tag) !== language) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && new Intl.Locale(canonical).region) return canonical;
    } catch { /* not a well-formed tag */ }
  }
  return LOCALES[language];
}

function browserLanguage() {
  for (const tag of browserTags()) {
    const found = toLanguage(tag);
    if (found) return found;
  }
  return 'en';
}

function rememberedLanguage() {
  try { return toLanguage(localStorage.getItem(LANGUAGE_KEY)); } catch { return undefined; }
}

function stringsOf(code) {
  let table = stringTables.get(code);
  if (!table) {
    table = fetch(`/api/page/strings?lang=${code}`, { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => (body?.locale === code && body.strings && typeof body.strings === 'object' ? body.strings : null))
      .catch(() => null)
      .then((loaded) => {
        if (!loaded) stringTables.delete(code);
        return loaded;
      });
    stringTables.set(code, table);
  }
  return table;
}

/** Switches the page (and the chat's own controls) to a language; the latest request wins. */
async function setLanguage(code, { remember = false } = {}) {
  const request = ++languageRequest;
  if (remember) {
    try { localStorage.setItem(LANGUAGE_KEY, code); } catch { /* storage off: the choice lasts this page */ }
  }
  const table = await stringsOf(code);
  if (request !== languageRequest) return;
  if (!table) {
    el.language.value = language;
    return;
  }
  language = code;
  strings = table;
  renderLanguage();
}

/** An argument as the current language writes it: { clock: ms } is a time of day, { inSeconds: n } a delay. */
function formatArg(value) {
  if (value && typeof value === 'object') {
    if (typeof value.clock === 'number') return new Intl.DateTimeFormat(localeTag(), { hour: 'numeric', minute: '2-digit' }).format(new Date(value.clock));
    if (typeof value.inSeconds === 'number') {
      const format = new Intl.RelativeTimeFormat(localeTag(), { numeric: 'always' });
      return value.inSeconds < 60 ? format.format(Math.max(1, Math.ceil(value.inSeconds)), 'second') : format.format(Math.ceil(value.inSeconds / 60), 'minute');
    }
  }
  return String(value);
}

/** The page string for a key with its {placeholders} filled; '' when the strings are not loaded. */
function t(key, args = {}) {
  return (strings[key] ?? '').replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(args, name) ? formatArg(args[name]) : whole));
}

const argsOf = (json) => {
  try { return json ? JSON.parse(json) : {}; } catch { return {}; }
};

/** Shows the string `key` as the element's text, now and after every change of language; no key clears it. */
function say(node, key, args) {
  if (!key) {
    delete node.dataset.i18n;
    delete node.dataset.i18nArgs;
    node.textContent = '';
    return;
  }
  node.dataset.i18n = key;
  if (args) node.dataset.i18nArgs = JSON.stringify(args); else delete node.dataset.i18nArgs;
  node.textContent = t(key, args);
}

/** The same for the element's aria-label. */
function sayLabel(node, key, args) {
  node.dataset.i18nAriaLabel = key;
  if (args) node.dataset.i18nAriaLabelArgs = JSON.stringify(args); else delete node.dataset.i18nAriaLabelArgs;
  if (Object.hasOwn(strings, key)) node.setAttribute('aria-label', t(key, args));
}

function renderLanguage() {
  document.documentElement.lang = language;
  el.language.value = language;
  // The <title> too: it carries data-i18n like the rest.
  for (const node of document.querySelectorAll('[data-i18n]')) {
    if (Object.hasOwn(strings, node.dataset.i18n)) node.textContent = t(node.dataset.i18n, argsOf(node.dataset.i18nArgs));
  }
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
    if (Object.hasOwn(strings, node.dataset.i18nAriaLabel)) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel, argsOf(node.dataset.i18nAriaLabelArgs)));
  }
  refreshTimes();
  if (session) renderChat(session);
  syncHeaderHeight();
}

el.language.addEventListener('change', () => void setLanguage(el.language.value, { remember: true }));

/** What to tell the user about a refused request: the page string for the server's error code, else for the HTTP status. */
function problemOf(res, fallbackKey) {
  const error = res.body?.error ?? {};
  const retryAfter = Number(error.retryAfterSeconds) || 60;
  const byCode = {
    invalidCredentials: 'page.error.invalidCredentials',
    accountLocked: 'page.error.accountLocked',
    signInNotVerified: 'page.error.signInNotVerified',
    accountNotServed: 'page.error.accountNotServed',
    signInUnavailable: 'page.error.signInUnavailable',
    chatUnavailable: 'page.error.chatUnavailable',
  };
  if (error.code === 'tooManyAttempts') return { key: 'page.error.tooManyAttempts', args: { time: { clock: Date.now() + retryAfter * 1000 } } };
  if (res.status === 429) return { key: 'page.error.rateLimited', args: { when: { inSeconds: retryAfter } } };
  if (typeof error.code === 'string' && Object.hasOwn(byCode, error.code)) return { key: byCode[error.code] };
  if (res.status >= 500) return { key: 'page.error.server', args: { status: res.status } };
  return { key: fallbackKey, args: { status: res.status } };
}

/** A failure that carries what to tell the user. */
class PageProblem extends Error {
  constructor(problem) {
    super(problem.key);
    this.problem = problem;
  }
}

/** fetch with JSON in and out; resolves { status, ok, body }, rejects only when the request itself fails. */
async function api(path, { method = 'GET', body, token, signal } = {}) {
  // The page's language, so that a chat with no language of its own starts in it.
  const headers = { Accept: 'application/json', 'Accept-Language': localeTag() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, ok: res.ok, body: data };
}

// ---- Sign-in panel ----------------------------------------------------------------------------

/** An option of the account list that says something rather than naming an account. */
function placeholderOption(key) {
  const option = new Option('', '');
  say(option, key);
  return option;
}

async function loadAccounts() {
  let res;
  try {
    res = await api('/api/demo/accounts');
  } catch {
    el.account.replaceChildren(placeholderOption('page.signin.accountsUnavailable'));
    say(el.notice, 'page.error.networkReload');
    return;
  }
  if (res.status === 404) {
    el.account.replaceChildren(placeholderOption('page.signin.noAccounts'));
    say(el.notice, 'page.error.noDemo');
    return;
  }
  if (!res.ok || !Array.isArray(res.body)) {
    el.account.replaceChildren(placeholderOption('page.signin.accountsUnavailable'));
    say(el.notice, 'page.error.accounts', { status: res.status });
    return;
  }
  // new Option(text, value) sets plain text: no markup is interpreted.
  el.account.replaceChildren(...res.body.map((a) => new Option(`${a.displayName} (${a.userPrincipalName})`, a.userPrincipalName)));
  accountsLoaded = res.body.length > 0;
  setSigninEnabled(accountsLoaded);
  (accountsLoaded ? el.account : el.anonymousButton).focus();
}

function setSigninEnabled(enabled) {
  for (const control of [el.account, el.password, el.signinButton]) control.disabled = !enabled;
}

/** Shows a problem ({ key, args }) in the sign-in form's alert and moves the focus where it can be fixed. */
function showSigninError(problem, focusTarget) {
  say(el.error, problem.key, problem.args);
  el.password.setAttribute('aria-invalid', String(focusTarget === el.password));
  focusTarget?.focus();
  if (focusTarget === el.password) el.password.select();
}

/** Runs a sign-in request with the buttons disabled; shows network failures in the error region. */
async function busy(work) {
  if (!window.WebChat) return showSigninError({ key: 'page.error.chatComponent' }, el.anonymousButton);
  const setBusy = (on) => {
    if (on) el.form.setAttribute('aria-busy', 'true'); else el.form.removeAttribute('aria-busy');
    setSigninEnabled(!on && accountsLoaded);
    el.anonymousButton.disabled = on;
  };
  say(el.error, null);
  setBusy(true);
  try { await work(); } catch { showSigninError({ key: 'page.error.network' }, null); } finally { setBusy(false); }
}

el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const userPrincipalName = el.account.value;
  const password = el.password.value;
  if (!userPrincipalName) return showSigninError({ key: 'page.signin.chooseAccount' }, el.account);
  if (!password) return showSigninError({ key: 'page.signin.enterPassword' }, el.password);
  void busy(async () => {
    const res = await api('/api/demo/signin', { method: 'POST', body: { userPrincipalName, password } });
    if (!res.ok) return showSigninError(problemOf(res, 'page.error.signinFailed'), el.password);
    startChat({ userPrincipalName, ...res.body, label: { key: 'page.session.signedInAs', args: { name: String(res.body.displayName) } } });
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
    script.addEventListener('error', () => reject(new PageProblem({ key: 'page.microsoft.componentFailed' })));
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

/** What to tell the user about a failed Microsoft sign-in; MSAL's own failures are named by their code. */
function microsoftProblem(err) {
  if (err instanceof PageProblem) return err.problem;
  if (err?.errorCode === 'user_cancelled') return { key: 'page.microsoft.cancelled' };
  if (err instanceof TypeError) return { key: 'page.error.network' };
  const code = String(err?.errorCode || err?.name || '');
  return { key: 'page.microsoft.failed', args: { reason: /^[\w.-]{1,80}$/.test(code) ? code : 'error' } };
}

async function signInWithMicrosoft(microsoft) {
  say(el.microsoftError, null);
  el.microsoftButton.disabled = true;
  try {
    const app = await microsoftClient(microsoft);
    const nonce = await api('/api/signin/nonce', { method: 'POST', body: {} });
    if (!nonce.ok) throw new PageProblem(problemOf(nonce, 'page.error.signinFailed'));
    const result = await app.loginPopup({ scopes: ['openid', 'profile'], nonce: nonce.body.nonce, prompt: 'select_account' });
    const res = await api('/api/signin/microsoft', { method: 'POST', body: { idToken: result.idToken } });
    if (!res.ok) throw new PageProblem(problemOf(res, 'page.error.signinFailed'));
    startChat({ ...res.body, label: { key: 'page.session.signedInAs', args: { name: String(res.body.displayName) } } });
  } catch (err) {
    const problem = microsoftProblem(err);
    say(el.microsoftError, problem.key, problem.args);
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
  if (!res.ok) return showSigninError(problemOf(res, 'page.error.chatFailed'), el.anonymousButton);
  startChat({ ...res.body, displayName: undefined, userPrincipalName: el.account.value || null,
    label: { key: 'page.session.anonymous' } });
}));

// ---- Chat -------------------------------------------------------------------------------------

function showChatView(visible) {
  el.sessionBar.hidden = el.chatPanel.hidden = !visible;
  el.signinPanel.hidden = visible;
  syncHeaderHeight();
}

function startChat({ token, userId, domain, displayName, userPrincipalName, locale, label }) {
  // The bot's own Direct Line in local mode; in Azure the Direct Line channel the token is for.
  const directLine = WebChat.createDirectLine({ domain: domain || `${location.origin}/v3/directline`, token, webSocket: useWebSocket });
  // The language the assistant starts in (the user's own, from the directory, when it has one): the page follows it.
  const chatLanguage = toLanguage(locale) ?? language;
  const s = { token, chatUserId: userId, displayName, upn: userPrincipalName, chatLanguage, directLine, abort: new AbortController(), pollTimer: 0, lastKey: null, loaded: false, startedAt: Date.now() };
  s.store = WebChat.createStore({}, () => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') followChat(s, action.payload?.activity);
    return next(action);
  });
  session = s;
  el.password.value = '';
  say(el.notice, null);
  el.password.removeAttribute('aria-invalid');
  say(el.signedInAs, label.key, label.args);
  el.chat.dataset.state = 'connecting';
  showChatView(true);

  // Render into a fresh child so a later chat never reuses the previous React root.
  s.host = Object.assign(document.createElement('div'), { className: 'chat-host' });
  el.chat.replaceChildren(s.host);
  renderChat(s);
  s.subscription = directLine.connectionStatus$.subscribe(onConnectionStatus);
  startOutbox(s);
  if (chatLanguage !== language) void setLanguage(chatLanguage);
  requestAnimationFrame(() => (el.chat.querySelector('input[type="text"], textarea') || el.chat).focus());
}

/** Renders Web Chat, or renders it again in the page's current language (same store, same conversation). */
function renderChat(s) {
  const overrides = {};
  for (const [id, key] of Object.entries(WEBCHAT_STRINGS)) if (Object.hasOwn(strings, key)) overrides[id] = t(key);
  WebChat.renderWebChat({
    directLine: s.directLine, store: s.store, userID: s.chatUserId, username: s.displayName,
    locale: localeTag(), overrideLocalizedStrings: overrides, ...chatLook(dark.matches),
  }, s.host);
}

/** The page follows the chat: when the assistant's messages come in another language, the page switches to it. */
function followChat(s, activity) {
  if (activity?.type !== 'message' || activity.from?.role === 'user' || activity.from?.id === s.chatUserId) return;
  const spoken = toLanguage(activity.locale);
  if (!spoken || spoken === s.chatLanguage) return;
  s.chatLanguage = spoken;
  // Not while Web Chat's store is dispatching: renderChat renders it again.
  setTimeout(() => {
    if (session === s && spoken !== language) void setLanguage(spoken);
  });
}

// Direct Line ConnectionStatus: 0 uninitialized, 1 connecting, 2 online, 3 expired token, 4 failed to connect, 5 ended.
function onConnectionStatus(status) {
  const problem = { 3: 'page.chat.ended', 4: 'page.chat.connectFailed' }[status];
  if (status === 2 || problem) {
    el.chat.dataset.state = problem ? 'error' : 'ready';
    say(el.chatStatus, problem ?? null);
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
  say(el.chatStatus, null);
  say(el.outboxStatus, null);
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
  if (!ok) say(el.notice, 'page.session.signOutUnreachable');
});

// ---- Demo phone & mailbox ---------------------------------------------------------------------

function startOutbox(s) {
  el.outboxEmpty.hidden = false;
  say(el.outboxNote, 'page.outbox.note', { owner: s.upn || '' });
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
  if (unseen === 0) sayLabel(el.outboxToggle, 'page.outbox.toggle');
  else sayLabel(el.outboxToggle, 'page.outbox.toggleUnseen', { count: unseen });
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
    say(el.outboxStatus, null);
  } catch (err) {
    if (s !== session || err.name === 'AbortError') return;
    say(el.outboxStatus, 'page.outbox.retrying');
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
  for (const m of added) el.outboxList.prepend(outboxItem(m));
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
  refreshTimes();
}

/** The messages' times, "2 minutes ago" in the page's language, the full date and time on hover. */
function refreshTimes() {
  for (const time of el.outboxList.querySelectorAll('time')) {
    time.textContent = relativeTime(time.dateTime);
    if (!Number.isNaN(Date.parse(time.dateTime))) time.title = new Date(time.dateTime).toLocaleString(localeTag());
  }
}

const part = (tag, className, text = '') => Object.assign(document.createElement(tag), { className, textContent: text });

function outboxItem(m) {
  const li = part('li', 'outbox-item');
  li.dataset.channel = String(m.channel);
  const iconEl = part('span', 'outbox-icon');
  iconEl.setAttribute('aria-hidden', 'true');
  const time = part('time', 'outbox-time');
  time.dateTime = String(m.sentAt);
  const channel = part('strong', 'outbox-channel', String(m.channel));
  if (Object.hasOwn(CHANNELS, m.channel)) say(channel, CHANNELS[m.channel]);
  const to = part('span', 'outbox-to');
  say(to, 'page.outbox.to', { address: String(m.to) });
  const head = part('p', 'outbox-item-head');
  head.append(iconEl, channel, ' ', to, ' ', time);
  li.append(head, part('p', 'outbox-text', String(m.text)));
  return li;
}

/** "now", "2 minutes ago", "il y a 2 minutes", … in the page's language. */
function relativeTime(iso) {
  const seconds = Math.min(0, (Date.parse(iso) - Date.now()) / 1000); // clock skew never shows "in …"
  if (Number.isNaN(seconds)) return '';
  const rtf = new Intl.RelativeTimeFormat(localeTag(), { numeric: 'auto' });
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

// The strings first, so that what the sign-in panel says is in the page's language from the start.
await setLanguage(rememberedLanguage() ?? browserLanguage());
void loadAccounts();
void offerMicrosoftSignIn();
