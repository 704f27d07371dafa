// Maildir file names: `<unique>[,S=<size>][,W=<vsize>]:2,<flags>` (cr.yp.to/proto/maildir.html; Maildir++
// adds ,S=). The flags after ":2," are upper-case letters for system flags and, as Dovecot writes them,
// lower-case letters a–z for keywords numbered in the folder's dovecot-keywords file.

/** Maildir info letter ↔ IMAP flag. P (passed) has no IMAP system flag; it is kept as keyword $Forwarded. */
const LETTER_TO_FLAG: Record<string, string> = {
  D: '\\Draft', F: '\\Flagged', P: '$Forwarded', R: '\\Answered', S: '\\Seen', T: '\\Deleted',
};
const FLAG_TO_LETTER = new Map(
  Object.entries(LETTER_TO_FLAG).map(([letter, flag]) => [flag.toLowerCase(), letter]),
);

/** The separator Dovecot/Courier use before the info part; '!' on filesystems that forbid ':' (Dovecot option). */
const INFO_SEPARATORS = [':2,', '!2,'];

export interface MaildirName {
  /** the part before the info: stays the same when a flag change renames the file */
  unique: string;
  /** ,S= size when present */
  size?: number;
  /** letters after ":2," ('' when there is no info part, e.g. in new/) */
  letters: string;
}

export function parseMaildirName(fileName: string): MaildirName {
  let unique = fileName;
  let letters = '';
  for (const separator of INFO_SEPARATORS) {
    const at = fileName.lastIndexOf(separator);
    if (at >= 0) {
      unique = fileName.slice(0, at);
      letters = fileName.slice(at + separator.length);
      break;
    }
  }
  const sizeMatch = /,S=(\d+)/.exec(unique);
  return { unique, letters, ...(sizeMatch ? { size: Number(sizeMatch[1]) } : {}) };
}

/**
 * Converts info letters to IMAP flags. `keywordOf` maps a lower-case letter to its keyword name (from
 * dovecot-keywords); letters with no keyword are ignored, as Dovecot does.
 */
export function lettersToFlags(letters: string, keywordOf: (letter: string) => string | undefined): string[] {
  const flags: string[] = [];
  for (const letter of letters) {
    const flag = LETTER_TO_FLAG[letter] ?? (letter >= 'a' && letter <= 'z' ? keywordOf(letter) : undefined);
    if (flag !== undefined && !flags.includes(flag)) flags.push(flag);
  }
  return flags;
}

/**
 * Converts IMAP flags to info letters, in ASCII order as the Maildir spec requires. `letterOf` gives the
 * keyword letter (allocating one in dovecot-keywords); undefined when the folder has no free letter left.
 * \Recent is session state and is not stored.
 */
export function flagsToLetters(flags: string[], letterOf: (keyword: string) => string | undefined): string {
  const letters = new Set<string>();
  for (const flag of flags) {
    const system = FLAG_TO_LETTER.get(flag.toLowerCase());
    if (system !== undefined) letters.add(system);
    // $Forwarded is written twice: P for Courier and mutt, a keyword letter for Dovecot, which ignores P
    if (!flag.startsWith('\\') && (system === undefined || flag.toLowerCase() === '$forwarded')) {
      const letter = letterOf(flag);
      if (letter !== undefined) letters.add(letter);
    }
  }
  return [...letters].sort().join('');
}
