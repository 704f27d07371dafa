// The `dovecot-keywords` file of one Maildir folder: lines "<index> <keyword>", index 0 ↔ letter 'a' … 25 ↔ 'z'
// in the file names' info part (Dovecot's Maildir format; Courier reads the same letters).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../durable.ts';

export const KEYWORDS_FILE = 'dovecot-keywords';
const MAX_KEYWORDS = 26;

function letterAt(index: number): string {
  return String.fromCharCode(0x61 + index);
}

export function parseKeywordsFile(text: string): Map<string, string> {
  const byLetter = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\d+) (.+)$/.exec(line.replace(/\r$/, ''));
    if (!match) continue;
    const index = Number(match[1]);
    if (index < MAX_KEYWORDS) byLetter.set(letterAt(index), match[2]);
  }
  return byLetter;
}

export function formatKeywordsFile(byLetter: Map<string, string>): string {
  return [...byLetter]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([letter, keyword]) => `${letter.charCodeAt(0) - 0x61} ${keyword}\n`)
    .join('');
}

/** Reads a folder's keyword letters; an absent file means no keywords. */
export async function readKeywords(folderDir: string): Promise<Map<string, string>> {
  try {
    return parseKeywordsFile(await readFile(join(folderDir, KEYWORDS_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

/** Keyword letters of one folder being written; a new keyword is saved before any file name uses its letter. */
export class KeywordTable {
  private readonly letterByKeyword = new Map<string, string>();

  private constructor(private readonly folderDir: string, private readonly byLetter: Map<string, string>) {
    for (const [letter, keyword] of byLetter) this.letterByKeyword.set(keyword.toLowerCase(), letter);
  }

  static async load(folderDir: string): Promise<KeywordTable> {
    return new KeywordTable(folderDir, await readKeywords(folderDir));
  }

  /** the letter of this keyword, allocating and saving one if needed; undefined when all 26 are taken */
  async letterFor(keyword: string): Promise<string | undefined> {
    const known = this.letterByKeyword.get(keyword.toLowerCase());
    if (known !== undefined) return known;
    for (let index = 0; index < MAX_KEYWORDS; index++) {
      const letter = letterAt(index);
      if (this.byLetter.has(letter)) continue;
      this.byLetter.set(letter, keyword);
      this.letterByKeyword.set(keyword.toLowerCase(), letter);
      await writeFileDurably(join(this.folderDir, KEYWORDS_FILE), formatKeywordsFile(this.byLetter));
      return letter;
    }
    return undefined;
  }
}
