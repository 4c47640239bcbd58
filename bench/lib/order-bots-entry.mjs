// Worker entry: Node 20 does not pass the tsx loader to worker threads, so register it here.
import { register } from 'tsx/esm/api';
register();
await import('./order-bots.ts');
