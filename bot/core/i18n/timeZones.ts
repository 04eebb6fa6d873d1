// Which time zone to show a user's times in when their channel does not say: the tenant's zone for
// their office, else the zone of the city the office is ("Stockholm" → Europe/Stockholm), else the
// tenant's default. Undefined means "not known": times are then shown in UTC, marked as such.
import type { DirectoryUser, TenantInfo } from '../ports/directory.js';
import { isTimeZone } from './i18n.js';

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let cities: Map<string, string> | undefined;
/** "stockholm" → "Europe/Stockholm", "new york" → "America/New_York" (canonical zones only). */
function zonesByCity(): Map<string, string> {
  if (!cities) {
    cities = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop();
      if (zone.includes('/') && city) cities.set(fold(city.replace(/_/g, ' ')), zone);
    }
  }
  return cities;
}

/**
 * The zone of a city when the office location is just that city ("Stockholm", "new york"): a name
 * found inside a longer location could be anything ("Chatham House, London" is not Pacific/Chatham).
 */
export function zoneNamedIn(officeLocation: string): string | undefined {
  const name = fold(officeLocation).split(/[^\p{L}]+/u).filter(Boolean).join(' ');
  return zonesByCity().get(name);
}

export function timeZoneOf(user: Pick<DirectoryUser, 'officeLocation'> | undefined, tenant: Pick<TenantInfo, 'timeZone' | 'officeTimeZones'>): string | undefined {
  const office = user?.officeLocation?.trim();
  if (office) {
    const configured = Object.entries(tenant.officeTimeZones ?? {}).find(([name]) => fold(name) === fold(office))?.[1];
    if (isTimeZone(configured)) return configured;
    const named = zoneNamedIn(office);
    if (named) return named;
  }
  return isTimeZone(tenant.timeZone) ? tenant.timeZone : undefined;
}
