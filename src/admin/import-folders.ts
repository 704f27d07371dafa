// Maps the folders of an import source to folders of the account, creating them when first asked. A folder the
// store refuses (a wildcard or control character in its name) gives one error, remembered: its messages fail
// with the same reason and the others go on.
import type { Store } from '../store/store.ts';

export type ResolvedFolder = { id: number } | { error: string };

export class FolderResolver {
  private readonly known = new Map<string, ResolvedFolder>();

  constructor(private readonly store: Store, private readonly accountId: number, private readonly prefix?: string) {}

  /** "Sent" with prefix "Old" → "Old/Sent"; INBOX too goes below the prefix ("Old/INBOX") */
  targetName(sourceFolder: string): string {
    const prefix = this.prefix?.replace(/^\/+|\/+$/g, '');
    return prefix ? `${prefix}/${sourceFolder}` : sourceFolder;
  }

  async resolve(sourceFolder: string): Promise<ResolvedFolder> {
    const cached = this.known.get(sourceFolder);
    if (cached !== undefined) return cached;
    const name = this.targetName(sourceFolder);
    let resolved: ResolvedFolder;
    try {
      const folder = (await this.store.getFolder(this.accountId, name)) ?? (await this.store.createFolder(this.accountId, name));
      resolved = { id: folder.id };
    } catch (error) {
      resolved = { error: `folder "${name}" cannot be created: ${(error as Error).message}` };
    }
    this.known.set(sourceFolder, resolved);
    return resolved;
  }
}
