import assert from 'node:assert/strict';
import { timeZoneOf, zoneNamedIn } from '../../../../bot/core/i18n/timeZones.js';

describe('time zones', function () {
  const tenant = { timeZone: 'Europe/Amsterdam', officeTimeZones: { Lyon: 'Europe/Paris', 'Göteborg': 'Europe/Stockholm' } };

  it('an office the tenant maps wins, whatever its case or accents', function () {
    assert.equal(timeZoneOf({ officeLocation: 'lyon' }, tenant), 'Europe/Paris');
    assert.equal(timeZoneOf({ officeLocation: 'Goteborg' }, tenant), 'Europe/Stockholm');
  });

  it('an office that is a zone\'s city gets that zone; a city named inside a longer location is not guessed', function () {
    assert.equal(timeZoneOf({ officeLocation: 'Stockholm' }, tenant), 'Europe/Stockholm');
    assert.equal(timeZoneOf({ officeLocation: 'new york' }, tenant), 'America/New_York');
    assert.equal(zoneNamedIn('Building 4'), undefined);
    assert.equal(timeZoneOf({ officeLocation: 'Chatham House, London' }, tenant), 'Europe/Amsterdam', 'not Pacific/Chatham');
  });

  it('otherwise the tenant\'s zone, and none at all when the tenant has none (times then say UTC)', function () {
    assert.equal(timeZoneOf({ officeLocation: 'Building 4' }, tenant), 'Europe/Amsterdam');
    assert.equal(timeZoneOf(undefined, tenant), 'Europe/Amsterdam');
    assert.equal(timeZoneOf({ officeLocation: 'Building 4' }, {}), undefined);
    assert.equal(timeZoneOf(undefined, { timeZone: 'Not/AZone' }), undefined);
  });

  it('a mapping to a zone that does not exist is ignored', function () {
    assert.equal(timeZoneOf({ officeLocation: 'Lyon' }, { officeTimeZones: { Lyon: 'Europe/Lyon' } }), undefined);
  });
});
