/**
 * The floor for the audience benchmark: a bare `ws` server with no Socket.IO, no validation and
 * no recording. The first three clients play the people (host, facilitator, observer). A message
 * `{ "to": "people" }` goes to them only (Branchcast's fan-out of viewers' chat); `{ "to": "all" }`
 * goes to everyone (host lines, and the naive design that sends every chat line to every bot).
 */
import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
const clients: WebSocket[] = [];
wss.on('connection', (ws) => {
  clients.push(ws);
  ws.on('message', (data) => {
    const toAll = data.toString().startsWith('{"to":"all"');
    const n = toAll ? clients.length : Math.min(3, clients.length);
    for (let i = 0; i < n; i++) clients[i]!.send(data);
  });
  ws.on('close', () => clients.splice(clients.indexOf(ws), 1));
});
wss.on('listening', () => {
  const addr = wss.address();
  if (typeof addr === 'object' && addr) console.log(`PORT ${addr.port}`);
});
process.on('SIGTERM', () => process.exit(0));
