// Recent sign-ins, newest first, with the unusual ones marked: a failure, or a country the account
// had not signed in from before.
import type { Directory, SignIn } from '../ports/directory.js';

export interface SignInView {
  readonly signIn: SignIn;
  readonly unusual: boolean;
  readonly reason?: 'failure' | 'newCountry';
}

export class SignIns {
  constructor(private readonly deps: { readonly directory: Directory }) {}

  async recent(userId: string, top = 10): Promise<SignInView[]> {
    const all = await this.deps.directory.listSignIns(userId, 100);
    const oldestFirst = [...all].reverse();
    const seen = new Set<string>();
    const views = new Map<string, SignInView>();
    for (const s of oldestFirst) {
      const country = s.location?.countryOrRegion;
      // The first successful sign-in sets what is usual; before it, no country is new.
      const newCountry = seen.size > 0 && country !== undefined && !seen.has(country);
      if (country && s.status.errorCode === 0) seen.add(country);
      const reason = s.status.errorCode !== 0 ? 'failure' : newCountry ? 'newCountry' : undefined;
      views.set(s.id, { signIn: s, unusual: reason !== undefined, reason });
    }
    return all.slice(0, top).flatMap((s) => views.get(s.id) ?? []);
  }
}
