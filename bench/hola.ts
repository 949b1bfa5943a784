/** The benchmark's baseline: bare Express answering "hello world", in its own process like the API. */
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('hello world');
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listo'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
