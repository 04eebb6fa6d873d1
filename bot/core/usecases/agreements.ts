// Terms of use: each of the organization's agreements with the user's state (accepted at the
// current version, declined, or pending because never accepted or accepted at an older version),
// its text in the user's language, and the decision recorded with its version and time.
import type { AgreementAcceptance, Directory, TermsOfUse } from '../ports/directory.js';
import type { Clock } from '../ports/clock.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './auditTrail.js';

export type AgreementStatus = 'accepted' | 'declined' | 'pendingNew' | 'pendingVersion';

export interface AgreementView {
  readonly agreement: TermsOfUse;
  readonly status: AgreementStatus;
  readonly acceptance?: AgreementAcceptance;
}

export const isPending = (view: AgreementView): boolean => view.status === 'pendingNew' || view.status === 'pendingVersion';

/** When the decision was recorded, or undefined for one recorded without a (valid) time, as an imported one may be. */
export const decidedAt = (view: AgreementView): string | undefined => {
  const recorded = view.acceptance?.recordedDateTime;
  return recorded && !Number.isNaN(Date.parse(recorded)) ? recorded : undefined;
};

/** The agreement text in the user's language, else English, else any. */
export function agreementText(agreement: TermsOfUse, language: string): { text: string; language: string } {
  for (const lang of [language, 'en', ...Object.keys(agreement.content)]) {
    const text = agreement.content[lang];
    if (text?.trim()) return { text, language: lang };
  }
  return { text: '', language };
}

export class Agreements {
  constructor(private readonly deps: { readonly directory: Directory; readonly auditTrail: AuditTrail; readonly clock: Clock }) {}

  /** Every agreement of the tenant (for titles in the user's language). */
  all(): Promise<readonly TermsOfUse[]> {
    return this.deps.directory.listTermsOfUse();
  }

  /** Each agreement with the user's state. */
  async list(userId: string): Promise<AgreementView[]> {
    const all = await this.deps.directory.listTermsOfUse();
    const decisions = await this.deps.directory.listAgreementAcceptances(userId);
    return all.map((agreement) => {
      const acceptance = decisions.find((d) => d.agreementId === agreement.id);
      if (!acceptance) return { agreement, status: 'pendingNew' };
      if (acceptance.agreementVersion !== agreement.version) return { agreement, status: 'pendingVersion', acceptance };
      return { agreement, status: acceptance.state, acceptance };
    });
  }

  /** Records acceptance or refusal of the agreement's current version. */
  async decide(actor: Actor, agreementId: string, accept: boolean): Promise<Result<TermsOfUse, 'notFound'>> {
    const agreement = (await this.deps.directory.listTermsOfUse()).find((a) => a.id === agreementId);
    if (!agreement) return fail('notFound');
    const result = await this.deps.directory.recordAgreementDecision(actor.userId, {
      agreementId, agreementVersion: agreement.version, state: accept ? 'accepted' : 'declined', recordedDateTime: this.deps.clock.now().toISOString(),
    });
    if (!result.ok) return fail('notFound');
    await this.deps.auditTrail.record(actor, 'termsofuse.decision', 'success', {
      target: `${agreement.displayName} ${agreement.version} ${accept ? 'accepted' : 'declined'}`,
      subject: { type: 'agreement', agreementId: agreement.id, name: agreement.displayName, version: agreement.version, decision: accept ? 'accepted' : 'declined' },
    });
    return ok(agreement);
  }
}
