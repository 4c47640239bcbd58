#!/usr/bin/env node
// Entry for `branchcast` and `npm start`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../server/cli.ts');
const code = await main(process.argv.slice(2));
// serve keeps running on its own handles; other commands end here.
if (code !== undefined && code !== null && code !== -1) process.exitCode = code;
