// Words that say a device was lost or stolen, in the four languages (whole words, any case).
const lostWords = /(?<!\p{L})(lost|lose|stolen|missing|perdu|perdue|vol[ée]e?|disparu|kwijt|verloren|gestolen|vermist|borttappad|tappat|tappade|förlorat|stulen|stulits|saknas)(?!\p{L})/iu;

/** True when the message says a device was lost or stolen ("my phone was stolen", "j'ai perdu mon portable"). */
export const saysDeviceLost = (text: string): boolean => lostWords.test(text);
