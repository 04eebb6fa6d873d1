import assert from 'node:assert/strict';
import { deviceKindIn, saysDeviceLost } from '../../../../bot/core/nlu/lostDevice.js';
import { deviceKindOf } from '../../../../bot/core/usecases/devices.js';

describe('a device said lost or stolen', function () {
  it('is read however people say it, in the four languages', function () {
    for (const text of [
      'my phone was stolen', 'someone stole my laptop', 'ugh I left my iphone in a taxi last night', "I can't find my phone anywhere", 'lost my MacBook',
      "j'ai perdu mon téléphone", 'on m’a volé mon portable', 'je ne trouve plus mon ordi', 'mon téléphone a disparu',
      'ik ben mijn telefoon kwijt', 'mijn telefoon is gejat in de trein!!', 'laptop laten liggen in de bus', 'mijn mobiel is gestolen',
      'min mobil är borta', 'jag har blivit av med min dator', 'någon har snott min telefon', 'jag hittar inte min laptop',
    ]) assert.ok(saysDeviceLost(text), text);
  });

  it('is not read in a plain request to disable a device', function () {
    for (const text of ['disable my old laptop', 'désactive mon ancien PC', 'schakel mijn oude tablet uit', 'inaktivera min gamla dator', 'turn off CON-LT-0142']) {
      assert.equal(saysDeviceLost(text), false, text);
    }
  });

  it('names a kind of device, in the four languages, and only one kind', function () {
    const cases: [string, ReturnType<typeof deviceKindIn>][] = [
      ['my phone was stolen', 'mobile'], ['I lost my iPad', 'mobile'], ['someone stole my laptop', 'computer'], ['lost my MacBook', 'computer'],
      ["on m'a volé mon téléphone", 'mobile'], ['j’ai perdu mon portable', 'mobile'], ['on m’a volé mon ordinateur portable', 'computer'], ['mon PC portable a disparu', 'computer'],
      ['ik ben mijn gsm verloren, de Pixel', 'mobile'], ['mijn telefoon is gestolen', 'mobile'], ['laptop laten liggen in de bus', 'computer'],
      ['min mobil är borta', 'mobile'], ['någon har snott min telefon', 'mobile'], ['jag har blivit av med min dator', 'computer'],
      ['my phone and my laptop were stolen', undefined], ['I lost CON-LT-0142', undefined], ['min enhet är borta', undefined],
    ];
    for (const [text, kind] of cases) assert.equal(deviceKindIn(text), kind, text);
  });

  it('tells phones and tablets from computers by the operating system Graph reports', function () {
    for (const system of ['Android', 'AndroidForWork', 'iOS', 'iPadOS', 'IPad', 'iPhone']) assert.equal(deviceKindOf({ operatingSystem: system }), 'mobile', system);
    for (const system of ['Windows', 'Windows 10', 'macOS', 'MacMDM', 'Linux']) assert.equal(deviceKindOf({ operatingSystem: system }), 'computer', system);
    for (const system of [undefined, 'HoloLens', '']) assert.equal(deviceKindOf({ operatingSystem: system }), undefined, String(system));
  });
});
