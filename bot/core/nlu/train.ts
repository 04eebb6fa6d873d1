// Build step: trains the recognizer from the corpus and saves the model next to the compiled code,
// unless the saved model was already built from the same corpus.
import { defaultModelFile, NlpRecognizer } from './recognizer.js';

const started = Date.now();
await NlpRecognizer.load({ save: true });
process.stderr.write(`nlu model ready (${defaultModelFile}) in ${Date.now() - started} ms\n`);
