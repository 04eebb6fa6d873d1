// The verification cards: which method to send a code to (masked), and where to type the code.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { AuthenticationMethod } from '../bot/core/ports/directory.js';
import { cancelButton, type FormLine, type FormSpec } from './formCard.js';
import { methodDetail, methodLabel } from '../bot/core/i18n/methodNames.js';

/** A button that says where the code goes ("Text a code to +46 70 *** ** 34"), so no two read alike. */
function sendButtonTitle(t: Translator, method: AuthenticationMethod): string {
  const detail = methodDetail(method);
  return detail ? t.t(`verify.sendTo.${method.kind}`, { detail }) : t.t('verify.sendHere');
}

/** Step-up: why the check is needed, and a button per method. */
export function chooseMethodForm(t: Translator, reasonKey: string, methods: readonly AuthenticationMethod[]): FormSpec {
  return {
    heading: t.t('verify.heading'),
    lines: [{ text: t.t(reasonKey) }, { text: t.t('verify.choose') }],
    items: methods.map((m) => ({ title: methodLabel(t, m), buttons: [{ title: sendButtonTitle(t, m), action: 'choose', values: { methodId: m.id } }] })),
    buttons: [cancelButton(t)],
  };
}

export interface CodeFormOptions {
  /** Where the code went, as a phrase that fits "I sent a code to …" ("your mobile phone +46 70 *** ** 67"). */
  readonly destination: string;
  /** For a code in the Authenticator app: the name of the device it runs on, when known. */
  readonly device?: string;
  /** The code arrives in the Authenticator app (a notification or pairing), not as a text or e-mail. */
  readonly inApp: boolean;
  /** The code pairs a new Authenticator. */
  readonly pairing: boolean;
  readonly minutes: number;
  /** How many digits the code has: the input's example has as many. */
  readonly digits: number;
  /** What went wrong with the last code, and how many attempts are left. */
  readonly problem?: { readonly key: string; readonly attemptsLeft?: number };
}

/** "123456" for a code of 6 digits, "12345678" for 8. */
const exampleCode = (digits: number): string => '1234567890'.repeat(2).slice(0, Math.max(1, Math.min(digits, 20)));

/** Where the code went and for how long it is valid; the code in the card or in the chat. */
export function codeForm(t: Translator, options: CodeFormOptions): FormSpec {
  const sent = options.inApp && options.device
    ? t.t('code.sentToApp', { device: options.device, minutes: options.minutes })
    : t.t('code.sentTo', { destination: options.destination, minutes: options.minutes });
  const lines: FormLine[] = [{ text: sent }];
  if (options.problem) lines.unshift({ text: t.t(options.problem.key, { left: options.problem.attemptsLeft ?? 0 }), warning: true });
  return {
    heading: t.t(options.pairing ? 'code.headingPairing' : 'code.heading'),
    lines,
    inputs: [{ kind: 'text', id: 'code', label: t.t('code.label'), style: 'text', placeholder: exampleCode(options.digits), maxLength: 12, errorMessage: t.t('code.required') }],
    buttons: [
      { title: t.t('code.verify'), action: 'verify', style: 'positive' },
      { title: t.t('code.resend'), action: 'resend', sendsInputs: false },
      cancelButton(t),
    ],
    footer: t.t('code.footer'),
    why: t.t(options.pairing ? 'code.whyPairing' : 'code.why'),
  };
}
