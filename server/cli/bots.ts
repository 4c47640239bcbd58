/** `branchcast bots`: run a simulated audience against a running server, as a separate process. */
import { BotRunner } from '../bots/bot-runner.js';
import { intFlag, parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast bots --url URL (--room CODE | --session ID [--token T]) [--count N] [--seed S] [--rate X]
                      [--ramp SEC] [--minutes M]

  --url URL      the server, e.g. http://localhost:8080
  --room CODE    the room's bot join code
  --session ID   instead of a code: the session's id, with the server's bot token
  --token T      the bot token \`branchcast serve\` prints (default: $BRANCHCAST_BOT_TOKEN)
  --count N      simulated viewers (default 20)
  --seed S       PRNG seed: the same seed and the same host give the same audience (default 1)
  --rate X       everyday chat lines per viewer per minute (default: the scenario's)
  --ramp SEC     most viewers arrive within SEC seconds of the session's creation (default 60)
  --minutes M    stop after M minutes (default: run until Ctrl-C or the session ends)
`;

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export async function run(args: string[]): Promise<number> {
  let o;
  try {
    const { values, positionals } = parseFlags(args, {
      url: { type: 'string' },
      room: { type: 'string' },
      session: { type: 'string' },
      token: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      ramp: { type: 'string' },
      minutes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.url) throw new UsageError('--url is required');
    try {
      const u = new URL(values.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(`--url: expected an http(s) URL, got "${values.url}"`);
    }
    const token = values.token ?? process.env.BRANCHCAST_BOT_TOKEN;
    if (values.session !== undefined) {
      if (values.room) throw new UsageError('give either --room or --session, not both');
      if (!/^[\w-]{1,64}$/.test(values.session))
        throw new UsageError(`--session: expected a session id, got "${values.session}"`);
      if (!token) throw new UsageError('--session needs the bot token: --token T or $BRANCHCAST_BOT_TOKEN');
    } else if (!values.room || !/^[A-Za-z0-9]{4,16}$/.test(values.room)) {
      throw new UsageError(
        `--room: expected the room's bot join code (4–16 letters or digits)${values.room ? `, got "${values.room}"` : ''}`,
      );
    }
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    if (rate !== undefined && !(rate > 0 && rate <= 60))
      throw new UsageError(`--rate: expected a number in (0, 60], got "${values.rate}"`);
    o = {
      url: values.url,
      room: values.session === undefined ? values.room!.toUpperCase() : undefined,
      session: values.session,
      token: values.session === undefined ? undefined : token,
      count: intFlag('count', values.count, 1, 5000) ?? 20,
      seed: intFlag('seed', values.seed, 0, 2 ** 31 - 1) ?? 1,
      rate,
      ramp: intFlag('ramp', values.ramp, 0, 3600) ?? 60,
      minutes: intFlag('minutes', values.minutes, 1, 24 * 60),
    };
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast bots: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }

  const tty = process.stderr.isTTY;
  const runner = new BotRunner({
    url: o.url,
    code: o.room,
    sessionId: o.session,
    botToken: o.token,
    count: o.count,
    seed: o.seed,
    ratePerMinute: o.rate,
    rampSec: o.ramp,
    log: (m) => process.stderr.write(`${m}\n`),
    onProgress: (done, total) => {
      if (tty) process.stderr.write(`\rconnecting ${bar(done, total)}`);
      else if (done === total || done % 100 === 0) process.stderr.write(`connected ${done}/${total}\n`);
    },
  });
  // Ctrl-C may come while the viewers are still connecting (a small audience joins at once): take
  // the signal from the start, so it always ends with a summary instead of killing the process.
  let interrupted = false;
  let onStop: (() => void) | null = null;
  const onSignal = () => {
    interrupted = true;
    onStop?.();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runner.start();
  } catch (err) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.stderr.write(`branchcast bots: ${err instanceof Error ? err.message : String(err)}\n`);
    await runner.stop();
    return 1;
  }
  process.stderr.write(`bots running against ${o.url} (seed ${o.seed}); Ctrl-C to stop\n`);

  const summary = () => {
    const s = runner.stats;
    const a = runner.audienceModel;
    process.stdout.write(
      `\nsummary: connected ${s.joined}, messages sent ${s.sent}, acked ${s.acked}, acks failed ${s.failedAcks}, ` +
        `disconnects ${s.disconnects}, left ${s.left}, present ${a?.present() ?? 0}\n`,
    );
    return s.failedAcks > 0 && s.acked === 0 ? 1 : 0;
  };
  return new Promise<number>((resolve) => {
    const timers: { poll?: ReturnType<typeof setInterval>; stop?: ReturnType<typeof setTimeout> } = {};
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(timers.poll);
      clearTimeout(timers.stop);
      void runner.stop().then(() => resolve(summary()));
    };
    onStop = finish;
    if (interrupted) return finish();
    if (o.minutes) timers.stop = setTimeout(finish, o.minutes * 60_000);
    timers.poll = setInterval(() => {
      if (runner.ended) finish();
    }, 500);
  });
}
