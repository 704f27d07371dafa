// Small durable-file helpers: data reaches the disk (fsync) before a rename makes it visible, and the
// directory is fsynced after the rename so the new name survives a power loss.
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a small file atomically: write a temporary sibling, fsync, rename over, fsync the directory. */
export async function writeFileDurably(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await fsyncDirectory(dirname(path));
}
