// Recent sign-ins, newest first, with the unusual ones marked: a failure, a country the account
// does not usually sign in from, or a time still to come (a clock that was wrong, or set so).
import type { Clock } from '../ports/clock.js';
import type { Device, Directory, SignIn } from '../ports/directory.js';

export interface SignInView {
  readonly signIn: SignIn;
  readonly unusual: boolean;
  readonly reason?: 'failure' | 'newCountry' | 'future';
}

/** How far ahead of this clock a sign-in's time may be before it is marked: clocks of different machines differ a little. */
const clockSkewMs = 5 * 60_000;

const succeeded = (s: SignIn): boolean => s.status.errorCode === 0;
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The countries the account usually signs in from: those of successful sign-ins from the user's own
 * devices; without any, the one most of the successful sign-ins come from (when one does). The
 * oldest sign-in in the list is not a guide: it may be the stranger's.
 */
function usualCountries(signIns: readonly SignIn[], devices: readonly Device[]): Set<string> {
  const own = (s: SignIn): boolean => devices.some((d) => same(d.deviceId, s.deviceDetail?.deviceId) || same(d.displayName, s.deviceDetail?.displayName));
  const usual = new Set<string>();
  const counts = new Map<string, number>();
  for (const s of signIns) {
    const country = s.location?.countryOrRegion;
    if (!country || !succeeded(s)) continue;
    counts.set(country, (counts.get(country) ?? 0) + 1);
    if (own(s)) usual.add(country);
  }
  if (usual.size === 0) {
    const most = Math.max(0, ...counts.values());
    const leaders = [...counts].filter(([, n]) => n === most).map(([country]) => country);
    if (leaders.length === 1 && leaders[0]) usual.add(leaders[0]);
  }
  return usual;
}

export class SignIns {
  constructor(private readonly deps: { readonly directory: Directory; readonly clock: Clock }) {}

  async recent(userId: string, top = 10): Promise<SignInView[]> {
    const [all, devices] = await Promise.all([this.deps.directory.listSignIns(userId, 100), this.deps.directory.listDevices(userId)]);
    const latest = this.deps.clock.now().getTime() + clockSkewMs;
    // Walked oldest first from the usual countries: the first sign-in from any other is marked (a trip's
    // later ones are not). With no usual country known, the first successful sign-in sets it.
    const seen = usualCountries(all, devices);
    const views = new Map<string, SignInView>();
    for (const s of [...all].reverse()) {
      const country = s.location?.countryOrRegion;
      const { errorCode } = s.status;
      // A result not recorded is no failure, and no success either.
      const newCountry = seen.size > 0 && country !== undefined && !seen.has(country);
      if (country && succeeded(s)) seen.add(country);
      const failed = errorCode !== undefined && errorCode !== 0;
      const future = Date.parse(s.createdDateTime) > latest;
      const reason = failed ? 'failure' : future ? 'future' : newCountry ? 'newCountry' : undefined;
      views.set(s.id, { signIn: s, unusual: reason !== undefined, reason });
    }
    return all.slice(0, top).flatMap((s) => views.get(s.id) ?? []);
  }
}
