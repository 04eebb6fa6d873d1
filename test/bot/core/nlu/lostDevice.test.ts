import assert from 'node:assert/strict';
import { saysDeviceLost } from '../../../../bot/core/nlu/lostDevice.js';

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
});
