// The escaping every card text goes through: literal to a CommonMark renderer, reversible for a reader.
import assert from 'node:assert/strict';
import { escapeMarkdown, unescapeMarkdown } from '../../cards/escapeMarkdown.js';

describe('escapeMarkdown', function () {
  it('backslash-escapes every ASCII punctuation character and nothing else', function () {
    assert.equal(escapeMarkdown('[a](b) **c** <d> #e'), '\\[a\\]\\(b\\) \\*\\*c\\*\\* \\<d\\> \\#e');
    assert.equal(escapeMarkdown('Zoë Åsa 0142'), 'Zoë Åsa 0142');
    assert.equal(escapeMarkdown('a\\b'), 'a\\\\b');
  });

  it('escapes a bare URL to any other site, so that a name, a description or a comment never becomes a link', function () {
    assert.equal(escapeMarkdown('Mallory https://evil.example/reset'), 'Mallory https\\:\\/\\/evil\\.example\\/reset');
    assert.equal(escapeMarkdown('see https://microsoft.com.evil.example/x'), 'see https\\:\\/\\/microsoft\\.com\\.evil\\.example\\/x');
    assert.equal(escapeMarkdown('https://account.activedirectory.microsoft.com/'), 'https://account.activedirectory.microsoft.com/');
  });

  it('leaves a bare https URL of Microsoft\'s pages whole when a space or the end follows it (and its closing bracket or stop)', function () {
    assert.equal(escapeMarkdown('at https://aka.ms/mysecurityinfo.'), 'at https://aka.ms/mysecurityinfo.');
    assert.equal(escapeMarkdown('page (https://mysignins.microsoft.com/security-info), then'), 'page \\(https://mysignins.microsoft.com/security-info), then');
    assert.equal(escapeMarkdown('https://evil.example/a*b*'), 'https\\:\\/\\/evil\\.example\\/a\\*b\\*');
  });

  it('reads back as the original text', function () {
    for (const text of ['[click](https://evil.example)', 'O\'Brien & "Partners" (c) -- 3...', 'a\\[b', '+31 6 1234 5678', 'see https://aka.ms/x.']) {
      assert.equal(unescapeMarkdown(escapeMarkdown(text)), text);
    }
  });
});
