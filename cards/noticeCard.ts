// A short notice with a heading and a few lines, e.g. how to reach the helpdesk.
import { renderCard, type CardAttachment } from './renderer.js';

export function noticeCard(heading: string, lines: readonly string[], speak?: string): CardAttachment {
  return renderCard('notice', { heading, lines: lines.map((text) => ({ text })), speak: speak ?? [heading, ...lines].join(' ') });
}
