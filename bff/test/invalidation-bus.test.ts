import pino from 'pino';
import Redis from 'ioredis';
import { ThisProcessBus, type InvalidationBus } from '../src/invalidation/bus';
import { PostgresBus } from '../src/invalidation/postgres';
import { RedisBus } from '../src/invalidation/redis';
import { openDatabase, type DatabaseHandle } from '../src/db';

/**
 * The invalidation buses themselves (invalidation/), over a real PostgreSQL and a real
 * Redis: what one instance publishes reaches every instance of its schema and prefix,
 * whole, and no other; the BFF-level behaviour is in session-cache and tiles-instances.
 */
const PG = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const logger = pino({ level: 'silent' });

/** Everything a listener was told, in order. */
function recorder() {
  const heard: string[] = [];
  const states: boolean[] = [];
  return {
    heard,
    states,
    listener: { message: (text: string) => heard.push(text), hearing: (on: boolean) => states.push(on) },
  };
}

const until = async (what: string, done: () => boolean) => {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > 5000) throw new Error(`not within 5 s: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

interface Kind {
  name: string;
  /** A bus for one instance of the given schema and prefix. */
  open(schema: string, prefix: string): InvalidationBus;
  close(): Promise<void>;
}

const kinds: Kind[] = [];
if (PG) {
  const handles: DatabaseHandle[] = [];
  kinds.push({
    name: 'PostgreSQL LISTEN/NOTIFY',
    open: (schema, prefix) => {
      const handle = openDatabase({ DATABASE_URL: PG, DATABASE_SCHEMA: schema, DATABASE_POOL_MAX: 2, DATA_DIR: '' });
      handles.push(handle);
      return new PostgresBus({ connectionString: PG, schema, prefix, db: handle.db, logger });
    },
    close: async () => {
      for (const handle of handles.splice(0)) await handle.close();
    },
  });
}
if (REDIS) {
  const clients: Redis[] = [];
  kinds.push({
    name: 'Redis',
    // Redis has no schemas: the prefix alone parts instances, as REDIS_KEY_PREFIX does.
    open: (schema, prefix) => {
      const client = new Redis(REDIS);
      clients.push(client);
      return new RedisBus(client, `${schema}:${prefix}`, logger);
    },
    close: async () => {
      for (const client of clients.splice(0)) client.disconnect();
    },
  });
}

(kinds.length ? describe.each(kinds) : describe.skip.each(kinds))('the $name bus', (kind) => {
  const schema = `t_bus_${process.pid}_${Date.now().toString(36)}`;
  const buses: InvalidationBus[] = [];
  const open = (s = schema, prefix = 'bff') => {
    const bus = kind.open(s, prefix);
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.stop();
    await kind.close();
  });

  /** Two instances' buses, each with a recorder on 'sessions', both hearing. */
  const twoListening = async () => {
    const [a, b] = [open(), open()];
    const onA = recorder();
    const onB = recorder();
    await a.listen('sessions', onA.listener);
    await b.listen('sessions', onB.listener);
    await until('both hear', () => onA.states.at(-1) === true && onB.states.at(-1) === true);
    return { a, b, onA, onB };
  };

  it('carries a message, spaces and all, to every instance listening on the topic, the sender included', async () => {
    const [a, b] = [open(), open()];
    const onA = recorder();
    const onB = recorder();
    const otherTopic = recorder();
    await a.listen('sessions', onA.listener);
    await b.listen('sessions', onB.listener);
    await b.listen('tiles', otherTopic.listener);
    await until('both hear', () => onA.states.at(-1) === true && onB.states.at(-1) === true);
    expect(onB.states[0]).toBe(false); // not hearing until listening is confirmed
    await a.publish('sessions', '{"session": "s 1"}');
    await until('b hears', () => onB.heard.length === 1);
    await until('a hears itself', () => onA.heard.length === 1);
    expect(onB.heard).toEqual(['{"session": "s 1"}']);
    expect(onA.heard).toEqual(['{"session": "s 1"}']);
    await b.publish('tiles', 'invalidate');
    await until('the tiles listener hears', () => otherTopic.heard.length === 1);
    expect(onA.heard).toHaveLength(1);
    expect(onB.heard).toHaveLength(1);
  });

  it('keeps instances of another schema or prefix apart', async () => {
    const a = open();
    const sameSchemaOtherPrefix = open(schema, 'other');
    const otherSchema = open(`${schema}_x`);
    const onA = recorder();
    const onOthers = recorder();
    await a.listen('sessions', onA.listener);
    await sameSchemaOtherPrefix.listen('sessions', onOthers.listener);
    await otherSchema.listen('sessions', onOthers.listener);
    await until('all hear', () => onA.states.at(-1) === true && onOthers.states.filter(Boolean).length >= 2);
    await sameSchemaOtherPrefix.publish('sessions', 'from-other-prefix');
    await otherSchema.publish('sessions', 'from-other-schema');
    await a.publish('sessions', 'mine');
    await until('a hears its own', () => onA.heard.includes('mine'));
    await until('the others hear theirs', () => onOthers.heard.length === 2);
    expect(onA.heard).toEqual(['mine']);
    expect(onOthers.heard.sort()).toEqual(['from-other-prefix', 'from-other-schema']);
  });

  it('a stopped bus says it no longer hears, and hears nothing more', async () => {
    const { a, b, onA, onB } = await twoListening();
    await a.stop();
    expect(onA.states.at(-1)).toBe(false);
    await b.publish('sessions', 'after a stopped');
    await until('b hears its own', () => onB.heard.length === 1);
    expect(onA.heard).toEqual([]);
  });

  it('returns from a publish only once the sender heard it (the others were sent it by then)', async () => {
    const { a, onA, onB } = await twoListening();
    for (let i = 0; i < 20; i++) {
      await a.publish('sessions', `m${i}`);
      // No waiting here: the publish itself waited for a's own copy.
      expect(onA.heard.at(-1)).toBe(`m${i}`);
    }
    await until('b heard all', () => onB.heard.length === 20);
  });
});

describe('the Redis bus and a release before message ids', () => {
  (REDIS ? it : it.skip)('takes a message without an id (as an instance of that release sends it) whole', async () => {
    const client = new Redis(REDIS!);
    const bus = new RedisBus(client, `t_bus_old_${process.pid}`, logger);
    try {
      const on = recorder();
      await bus.listen('sessions', on.listener);
      await until('hears', () => on.states.at(-1) === true);
      await client.publish(`t_bus_old_${process.pid}:sessions:invalidate`, '{"session":"s1"}');
      await until('heard', () => on.heard.length === 1);
      expect(on.heard).toEqual(['{"session":"s1"}']);
    } finally {
      await bus.stop();
      client.disconnect();
    }
  });
});

describe('the bus of one instance on its own SQLite file', () => {
  it('always hears, and hears what it publishes', async () => {
    const bus = new ThisProcessBus();
    const on = recorder();
    await bus.listen('sessions', on.listener);
    expect(on.states).toEqual([true]);
    await bus.publish('sessions', 'x y');
    await bus.publish('tiles', 'not for sessions');
    expect(on.heard).toEqual(['x y']);
  });
});
