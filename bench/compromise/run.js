// Reads sentences (one per line) and, for each, asks compromise for people, organisations and places,
// as the NER bench's point of comparison. Prints one JSON object: tokens, seconds, and per-sentence entities.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const [input, tokensArg, repeatArg] = process.argv.slice(2);
const sentences = fs.readFileSync(input, 'utf8').split('\n').filter((line) => line.length > 0);
const tokens = Number(tokensArg);
const repeat = Number(repeatArg || '1');

function tag(sentence) {
  const doc = nlp(sentence);
  return {
    PER: doc.people().out('array'),
    ORG: doc.organizations().out('array'),
    LOC: doc.places().out('array'),
  };
}

// Warm up the JIT on a slice before timing, as the .NET side is warmed up too.
for (const sentence of sentences.slice(0, 200)) tag(sentence);
let results = [];
let best = Infinity;
for (let r = 0; r < repeat; r++) {
  const start = process.hrtime.bigint();
  results = sentences.map(tag);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  best = Math.min(best, seconds);
}
process.stdout.write(JSON.stringify({ tokens, seconds: best, results }));
