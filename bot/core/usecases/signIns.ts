// Recent sign-ins, newest first, with the unusual ones marked: a failure, a country the account
// had not signed in from before, or a time still to come (a clock that was wrong, or set so).
import type { Clock } from '../ports/clock.js';
import type { Directory, SignIn } from '../ports/directory.js';

export interface SignInView {
  readonly signIn: SignIn;
  readonly unusual: boolean;
  readonly reason?: 'failure' | 'newCountry' | 'future';
}

/** How far ahead of this clock a sign-in's time may be before it is marked: clocks of different machines differ a little. */
const clockSkewMs = 5 * 60_000;

export class SignIns {
  constructor(private readonly deps: { readonly directory: Directory; readonly clock: Clock }) {}

  async recent(userId: string, top = 10): Promise<SignInView[]> {
    const all = await this.deps.directory.listSignIns(userId, 100);
    const latest = this.deps.clock.now().getTime() + clockSkewMs;
    const oldestFirst = [...all].reverse();
    const seen = new Set<string>();
    const views = new Map<string, SignInView>();
    for (const s of oldestFirst) {
      const country = s.location?.countryOrRegion;
      const { errorCode } = s.status;
      // The first successful sign-in sets what is usual; before it, no country is new. A result not recorded is no failure, and no success either.
      const newCountry = seen.size > 0 && country !== undefined && !seen.has(country);
      if (country && errorCode === 0) seen.add(country);
      const failed = errorCode !== undefined && errorCode !== 0;
      const future = Date.parse(s.createdDateTime) > latest;
      const reason = failed ? 'failure' : future ? 'future' : newCountry ? 'newCountry' : undefined;
      views.set(s.id, { signIn: s, unusual: reason !== undefined, reason });
    }
    return all.slice(0, top).flatMap((s) => views.get(s.id) ?? []);
  }
}
