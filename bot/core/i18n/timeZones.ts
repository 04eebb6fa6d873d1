// Which time zone to show a user's times in when their channel does not say: the tenant's zone for
// their office, else a zone named after the office's city ("Stockholm" → Europe/Stockholm), else the
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

/** The zone whose city is named in an office location: "Stockholm HQ, floor 3" → "Europe/Stockholm". */
export function zoneNamedIn(officeLocation: string): string | undefined {
  const words = fold(officeLocation).split(/[^\p{L}]+/u).filter(Boolean);
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const zone = zonesByCity().get(words.slice(i, i + size).join(' '));
      if (zone) return zone;
    }
  }
  return undefined;
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
