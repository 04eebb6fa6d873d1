// GET /api/page/strings?lang=fr: the web chat page's own strings, the `page.*` keys of the bot's
// locale files, in one supported language; any other language gets English. The answer names the
// language it is in, taken from the allow-list, never the parameter. Page strings have only simple
// named placeholders ("Signed in as {name}"), which the page fills in.
import type { Request, Response, Server } from 'restify';
import { defaultLocale, stringTable, toLocale, type Locale } from '../core/i18n/i18n.js';

/** The prefix of the keys the page uses; no other key leaves the server this way. */
export const pageKeyPrefix = 'page.';

const pageTables = new Map<Locale, Readonly<Record<string, string>>>();

/** The page's strings in a locale (read from its file once, like every string table). */
export function pageStrings(locale: Locale): Readonly<Record<string, string>> {
  let table = pageTables.get(locale);
  if (!table) {
    table = Object.freeze(Object.fromEntries(Object.entries(stringTable(locale)).filter(([key]) => key.startsWith(pageKeyPrefix))));
    pageTables.set(locale, table);
  }
  return table;
}

/** The supported locale a `lang` query value asks for ("fr-BE" → fr); anything else → English. */
export function pageLocale(lang: unknown): Locale {
  return (typeof lang === 'string' && lang.length <= 35 ? toLocale(lang) : undefined) ?? defaultLocale;
}

export function mountPageStrings(server: Server): void {
  // restify takes async handlers or ones with a next callback.
  server.get('/api/page/strings', async (req: Request, res: Response) => {
    await Promise.resolve();
    const locale = pageLocale((req.query as Record<string, unknown> | undefined)?.lang);
    res.header('Cache-Control', 'no-cache');
    res.header('Content-Language', locale);
    res.send(200, { locale, strings: pageStrings(locale) });
  });
}
