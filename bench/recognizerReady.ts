// Started by `npm run bench` in a fresh process: how long the recognizer takes to be ready (module
// load, model import, n-gram models) and the CPU time it spends on it, as one JSON line.
const started = performance.now();
const cpu = process.cpuUsage();
const { NlpRecognizer } = await import('../bot/core/nlu/recognizer.js');
const recognizer = await NlpRecognizer.load();
await recognizer.recognize('show my profile', 'en');
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ readyMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) }) + '\n');
