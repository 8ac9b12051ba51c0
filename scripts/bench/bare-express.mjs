// Baseline: a bare Express 5 app (the BFF's own copy) answering the same JSON document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const express = createRequire(new URL('../../bff/package.json', import.meta.url))('express');
const state = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = express();
app.use((_req, res) => {
  res.json(state);
});
app.listen(Number(process.env.PORT), '127.0.0.1');
