// How sign-in methods are shown: phone numbers and addresses masked, whatever form the directory keeps them in.
import assert from 'node:assert/strict';
import { maskEmail, maskPhone } from '../../../../bot/core/usecases/methods.js';

describe('masked methods', function () {
  it('phone numbers keep the country code, the first digits and the last two, in any form', function () {
    assert.equal(maskPhone('+46 70 123 45 34'), '+46 70 *** ** 34');
    assert.equal(maskPhone('+33 7 81 23 45 67'), '+33 7 ** ** ** 67');
    // Graph's form, "+{country code} {number}"
    assert.equal(maskPhone('+33 781234567'), '+33 7******67');
    assert.equal(maskPhone('+1 2065550100'), '+1 2*******00');
    // No spaces at all
    assert.equal(maskPhone('+31612345678'), '+31*******78');
    assert.equal(maskPhone('1234'), '****');
  });

  it('e-mail addresses keep their first letter and the domain', function () {
    assert.match(maskEmail('anna.private@example.net'), /^a\*+@example\.net$/);
  });
});
