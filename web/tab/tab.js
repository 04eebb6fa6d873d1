// The Teams personal tab "My account": profile, sign-in methods, devices and helpdesk tickets at a
// glance, each with a button that opens the chat with the assistant on that subject.
// Plain ES module, no build step; teams-js is loaded before it (the global `microsoftTeams`). All
// text is inserted with textContent, never innerHTML. Its strings are the tab.* keys of the bot's
// locale files; the language is Teams' (its context), else the browser's.
// Outside Teams (teams-js cannot initialize, or no host answers in time) it says so instead of waiting.

const teams = globalThis.microsoftTeams;
const LOCALES = { en: 'en-US', fr: 'fr-FR', nl: 'nl-NL', sv: 'sv-SE' };
/** How long a host has to answer initialize, and the token request. */
const INITIALIZE_MS = 5000;
const TOKEN_MS = 20000;

const $ = (id) => document.getElementById(id);
let language = 'en';
let strings = {};
/** The chat links of the summary, by item. */
let chatLinks = {};
/** The last summary shown, drawn again when the language changes. */
let shown = null;

const toLanguage = (tag) => {
  const code = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return Object.hasOwn(LOCALES, code) ? code : undefined;
};
const browserLanguage = () => (navigator.languages?.length ? navigator.languages : [navigator.language]).map(toLanguage).find(Boolean) ?? 'en';

/** A string with its {name} arguments filled (the tab's strings have simple named arguments only). */
function t(key, args = {}) {
  const text = Object.hasOwn(strings, key) ? strings[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(args, name) ? String(args[name]) : whole));
}

async function useLanguage(wanted) {
  const response = await fetch(`/api/tab/strings?lang=${encodeURIComponent(wanted)}`);
  if (!response.ok) return;
  const body = await response.json();
  language = body.locale;
  strings = body.strings;
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  if (shown) render(shown);
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** Shows one of the page's states: loading (status), outside Teams, a problem, or the account. */
function show(state) {
  $('status').hidden = state !== 'loading';
  $('outside').hidden = state !== 'outside';
  $('problem').hidden = state !== 'problem';
  $('account').hidden = state !== 'account';
}

function problem(key, canRetry) {
  $('problem-text').textContent = t(key);
  $('retry').hidden = !canRetry;
  show('problem');
}

/** Teams' locale (en-GB, fr-CA…), kept for the dates' regional format. */
let teamsLocale;
/** Dates in the user's regional format: Teams' locale, else the browser's, when of the page's language. */
function formatDate(iso) {
  const tags = [teamsLocale, ...(navigator.languages?.length ? navigator.languages : [navigator.language])];
  const region = tags.find((tag) => toLanguage(tag) === language && Intl.DateTimeFormat.supportedLocalesOf(String(tag)).length > 0) ?? LOCALES[language];
  return new Intl.DateTimeFormat(region, { dateStyle: 'medium' }).format(new Date(iso));
}

function item(parts) {
  const li = document.createElement('li');
  for (const [text, className] of parts) {
    if (!text) continue;
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    li.append(span);
  }
  return li;
}

function fillList(listId, noneId, entries) {
  $(listId).replaceChildren(...entries);
  $(listId).hidden = entries.length === 0;
  $(noneId).hidden = entries.length > 0;
}

function render(summary) {
  shown = summary;
  chatLinks = summary.chat;
  const { profile } = summary;
  $('profile-name').textContent = profile.displayName;
  const fields = [
    ['tab.profile.jobTitle', profile.jobTitle], ['tab.profile.department', profile.department], ['tab.profile.mail', profile.mail],
    ['tab.profile.userPrincipalName', profile.userPrincipalName], ['tab.profile.office', profile.officeLocation],
    ['tab.profile.manager', profile.manager], ['tab.profile.organization', profile.organizationName],
  ].filter(([, value]) => value);
  $('profile-fields').replaceChildren(...fields.flatMap(([key, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  }));
  fillList('methods-list', 'methods-none', summary.methods.map((m) => item([[m.label, 'primary'], [m.isDefault ? t('tab.methods.default') : '', 'badge']])));
  fillList('devices-list', 'devices-none', summary.devices.map((d) => item([
    [d.displayName, 'primary'], [d.operatingSystem, 'secondary'],
    [d.lastSignIn ? t('tab.devices.lastSignIn', { date: formatDate(d.lastSignIn) }) : t('tab.devices.neverSignedIn'), 'secondary'],
  ])));
  fillList('tickets-list', 'tickets-none', summary.tickets.map((k) => item([
    [`${k.number} · ${k.category}`, 'primary'], [k.state, 'badge'], [t('tab.tickets.updated', { date: formatDate(k.updatedAt) }), 'secondary'],
  ])));
  show('account');
}

async function loadSummary() {
  show('loading');
  let token;
  try {
    token = await withTimeout(teams.authentication.getAuthToken(), TOKEN_MS);
  } catch {
    problem('tab.notSignedIn', true);
    return;
  }
  let response;
  try {
    response = await fetch(`/api/tab/summary?lang=${encodeURIComponent(language)}`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    problem('tab.unavailable', true);
    return;
  }
  if (response.status === 401) return problem('tab.notSignedIn', true);
  if (!response.ok) return problem('tab.unavailable', true);
  render(await response.json());
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

async function openChat(event) {
  const link = chatLinks[event.currentTarget.dataset.item];
  $('open-error').textContent = '';
  if (!link) return;
  try {
    await teams.app.openLink(link);
  } catch {
    $('open-error').textContent = t('tab.openFailed');
  }
}

async function start() {
  await useLanguage(browserLanguage()).catch(() => undefined);
  for (const button of document.querySelectorAll('.open-chat')) button.addEventListener('click', openChat);
  $('retry').addEventListener('click', () => void loadSummary());
  try {
    if (!teams) throw new Error('teams-js is missing');
    await withTimeout(teams.app.initialize(), INITIALIZE_MS);
  } catch {
    show('outside');
    return;
  }
  teams.app.notifySuccess().catch(() => undefined);
  try {
    const context = await withTimeout(teams.app.getContext(), INITIALIZE_MS);
    applyTheme(context.app?.theme);
    teamsLocale = context.app?.locale;
    const wanted = toLanguage(context.app?.locale);
    if (wanted && wanted !== language) await useLanguage(wanted).catch(() => undefined);
  } catch {
    // No context: the browser's language stays.
  }
  teams.app.registerOnThemeChangeHandler(applyTheme);
  await loadSummary();
}

void start();
