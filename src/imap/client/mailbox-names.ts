// Folder names cross this layer in Unicode; on the wire they are modified UTF-7 (RFC 3501 §5.1.3), or
// UTF-8 once UTF8=ACCEPT is enabled (RFC 6855 §3). The one codec in src/util/mutf7.ts does the work.
import { decodeMailboxName, encodeMailboxName } from '../../util/mutf7.ts';
import { astring, type CommandPart } from './command-encoding.ts';
import { tokenBinaryString, type ImapToken } from './tokens.ts';

export class MailboxNameCodec {
  /** true after ENABLE UTF8=ACCEPT succeeded */
  utf8 = false;

  /** the wire form of a Unicode name, as an astring command part */
  encode(name: string): CommandPart {
    if (/^inbox$/i.test(name)) return 'INBOX'; // RFC 3501 §5.1: INBOX is case-insensitive
    return astring(this.utf8 ? name : encodeMailboxName(name));
  }

  /** the wire form of a pattern (LIST): wildcards stay as they are */
  encodePattern(pattern: string): CommandPart {
    return this.encode(pattern);
  }

  /** A name from a server response in Unicode. A name that is not valid modified UTF-7 (some servers send
   *  raw 8-bit) is read as UTF-8 rather than refused, so the folder is still reachable by what we return. */
  decode(token: ImapToken): string {
    const binary = tokenBinaryString(token) ?? '';
    if (/^inbox$/i.test(binary)) return 'INBOX';
    const utf8 = Buffer.from(binary, 'latin1').toString('utf8');
    if (this.utf8 || /[^\x20-\x7e]/.test(binary)) return utf8;
    try {
      return decodeMailboxName(binary);
    } catch {
      return utf8;
    }
  }
}
