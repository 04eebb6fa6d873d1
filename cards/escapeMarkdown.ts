// Card texts are markdown to every host: Web Chat passes TextBlocks, facts, toggle and choice titles
// and error messages through markdown-it (with raw HTML, linkify and typographer on), Teams its
// TextBlocks and facts through its own subset (the Teams form of a card takes the escapes out of the
// titles and messages Teams shows as plain text, see forChannel in renderer.ts). A person's or the directory's text must not become a link, an image, a heading or
// bold there, so the renderer makes every such text literal with CommonMark's own mechanism: any
// ASCII punctuation character preceded by a backslash is a literal character and never starts
// markup (CommonMark 0.30, section 2.4), and the reader sees the character without the backslash.
// Escaping every punctuation character, rather than guessing which ones matter where, also stops
// markdown-it's typographer and linkify from changing what was typed ("(c)", quotes, "--").
// Letters, digits, spaces and non-ASCII text are left as they are. Bare https URLs of Microsoft's
// own pages (the portal links in our own sentences), made only of characters that form no markup,
// are left whole, so they show their real target and stay clickable where the host links bare URLs;
// any other URL (one in a name, a description, an agent's comment) is escaped like the rest, which
// also keeps linkify from seeing it, and shows as text.
// RichTextBlock/TextRun would avoid markdown too, but facts, toggles and choices have no TextRun.

const punctuation = /[!-/:-@[-`{-~]/g;
const escaped = /\\([!-/:-@[-`{-~])/g;
// A URL of such characters, and the closing bracket and stop that may follow it, when a space or the
// end comes next: a backslash right after a URL would be taken into the link by markdown-it's linkify.
const bareUrl = /https:\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?:\/(?:[A-Za-z0-9%./-]*[A-Za-z0-9%/])?)?\)?[.,:;!?]?(?=\s|$)/g;
/** The hosts of the pages our own sentences link to: Microsoft's account and sign-in pages. */
const linkedHosts = /^(?:aka\.ms|(?:[a-z0-9-]+\.)*(?:microsoft|microsoftonline|office)\.com)$/i;

const escapePunctuation = (text: string): string => text.replace(punctuation, (c) => `\\${c}`);

/** The text as markdown that renders exactly as the text: "[a](b)" → "\[a\]\(b\)". */
export function escapeMarkdown(text: string): string {
  let out = '';
  let from = 0;
  for (const url of text.matchAll(bareUrl)) {
    if (!linkedHosts.test(url[1] ?? '')) continue;
    out += escapePunctuation(text.slice(from, url.index)) + url[0];
    from = url.index + url[0].length;
  }
  return out + escapePunctuation(text.slice(from));
}

/** What a reader sees of a text made by escapeMarkdown: the original text. */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(escaped, '$1');
}
