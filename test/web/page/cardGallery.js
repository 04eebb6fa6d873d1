// Loaded into the real page by test/web/cardGallery.test.ts (plain browser script): shows cards in
// Web Chat with the page's own look, as if the bot had sent them, and inspects how they render.

/** A connection that sends nothing: the cards come in through the store. */
function silentDirectLine() {
  const observable = (values) => ({
    subscribe(observer) {
      const next = typeof observer === 'function' ? observer : observer.next?.bind(observer);
      for (const value of values) next?.(value);
      return { unsubscribe() {} };
    },
  });
  return { activity$: observable([]), connectionStatus$: observable([0, 1, 2]), postActivity: () => observable(['posted']), end() {} };
}

window.galleryShow = async (cards, locale) => {
  const { chatLook } = await import('/chatTheme.js');
  const store = window.WebChat.createStore();
  document.getElementById('signin-panel').hidden = true;
  document.getElementById('chat-panel').hidden = false;
  document.getElementById('outbox').hidden = true;
  document.getElementById('chat-layout').classList.add('no-outbox');
  const host = Object.assign(document.createElement('div'), { className: 'chat-host' });
  document.getElementById('chat').replaceChildren(host);
  window.WebChat.renderWebChat({ directLine: silentDirectLine(), store, userID: 'gallery-user', locale, ...chatLook(matchMedia('(prefers-color-scheme: dark)').matches) }, host);
  await new Promise((resolve) => setTimeout(resolve, 200));
  cards.forEach(([name, card], i) => store.dispatch({
    type: 'DIRECT_LINE/INCOMING_ACTIVITY',
    payload: { activity: { type: 'message', id: `gallery-${i}`, channelData: { galleryName: name }, from: { id: 'bot', role: 'bot' }, timestamp: new Date(Date.UTC(2026, 2, 1, 12, 0, i)).toISOString(), attachments: [card] } },
  }));
};

/** The cards shown, once Web Chat's live region has let go of its short-lived copies of them (read aloud, not ours to check). */
window.galleryShown = () => document.querySelectorAll('.webchat__live-region-activity').length === 0 ? document.querySelectorAll('.ac-adaptiveCard').length : 0;

const accessibleName = (element) => (element.getAttribute('aria-label') ?? element.getAttribute('title') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ');

/** What is wrong in the rendered cards: sideways scrolling, inputs without a visible label, actions named alike. */
window.galleryInspect = (names) => {
  const findings = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) findings.push(`(page): scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth} px`);
  [...document.querySelectorAll('.ac-adaptiveCard')].forEach((card, i) => {
    const name = names[i] ?? `card ${i}`;
    if (card.scrollWidth > card.clientWidth + 1) findings.push(`${name}: wider than its bubble: ${card.scrollWidth} > ${card.clientWidth} px`);
    for (const input of card.querySelectorAll('input, select, textarea')) {
      const labelledBy = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
      const labels = [...(input.labels ?? []), ...labelledBy].filter((l) => l && (l.textContent ?? '').trim() !== '');
      const visible = labels.filter((l) => {
        const box = l.getBoundingClientRect();
        // Not squeezed, and no part of it cut off (an ellipsis counts as cut off).
        return box.width >= 24 && box.height >= 8 && [l, ...l.querySelectorAll('*')].every((e) => e.scrollWidth <= e.clientWidth + 1);
      });
      if (visible.length === 0) {
        const sizes = labels.map((l) => `${Math.round(l.getBoundingClientRect().width)}×${Math.round(l.getBoundingClientRect().height)}`).join(', ');
        findings.push(`${name}: ${input.tagName.toLowerCase()}[type=${input.getAttribute('type') ?? ''}] has no visible label (labels: ${sizes || 'none'})`);
      }
    }
    const actions = [...card.querySelectorAll('.ac-pushButton')].map(accessibleName);
    const repeated = [...new Set(actions.filter((a, j) => actions.indexOf(a) !== j))];
    if (repeated.length > 0) findings.push(`${name}: actions with the same name: ${repeated.join(', ')}`);
  });
  return findings;
};

/** axe-core over the cards only (Web Chat's own chrome is not ours): serious and critical findings. */
window.galleryAxe = async () => {
  const result = await window.axe.run({ include: [...document.querySelectorAll('.ac-adaptiveCard')].map((card) => [card]) }, { resultTypes: ['violations'] });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe: ${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.html ?? ''} in ${v.nodes[0]?.target.join(' ').slice(-120) ?? ''}`);
};

