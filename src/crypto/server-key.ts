// The server key (DESIGN: Crypto): 32 random bytes in <dataDir>/server.key, mode 0600, made on first use. It
// seals credentials the store keeps for remote accounts (sealed-secret.ts), so a copy of the database alone
// reveals no password. The key is read once per process; a file that is not exactly one key, or that other
// users may read, is refused with a message naming the file.
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, stat, chmod } from 'node:fs/promises';
import { join } from 'node:path';

export const SERVER_KEY_FILE = 'server.key';
const KEY_BYTES = 32;

export class ServerKeyError extends Error {
  override name = 'ServerKeyError';
}

export interface ServerKey {
  /** AES-256 key bytes; never logged */
  readonly bytes: Buffer;
  /** short fingerprint (first 8 hex digits of the key's sha256) naming the key in sealed values */
  readonly id: string;
}

const cache = new Map<string, Promise<ServerKey>>();

/** The data directory's server key, created (0600, exclusive) when missing. */
export function loadServerKey(dataDir: string): Promise<ServerKey> {
  const path = join(dataDir, SERVER_KEY_FILE);
  let loading = cache.get(path);
  if (!loading) {
    loading = readOrCreate(path);
    cache.set(path, loading);
    loading.catch(() => cache.delete(path));
  }
  return loading;
}

async function readOrCreate(path: string): Promise<ServerKey> {
  try {
    return await readKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(randomBytes(KEY_BYTES).toString('hex') + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // another process made it first: read theirs
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ServerKeyError(`cannot create the server key ${path}: ${(error as Error).message}`);
    }
  }
  return readKey(path);
}

async function readKey(path: string): Promise<ServerKey> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    // group/other access: tighten it rather than refuse (an archive restored with a loose umask)
    await chmod(path, 0o600).catch(() => {
      throw new ServerKeyError(`the server key ${path} is readable by other users and cannot be made private (chmod 600 it)`);
    });
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new ServerKeyError(`the server key ${path} is damaged: expected ${KEY_BYTES} bytes as 64 hex digits`);
  }
  const bytes = Buffer.from(text, 'hex');
  return { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 8) };
}
