// RFC 5322 §3.4 address lists (From, To, Cc, ...) turned into IMAP ENVELOPE addresses (RFC 3501 §7.4.2).
// Broken addresses are kept, not dropped: what cannot be read becomes MISSING_MAILBOX / MISSING_DOMAIN /
// SYNTAX_ERROR / INVALID_ROUTE, exactly where Dovecot puts them, so both servers describe a message alike.
// Groups become a start marker (mailbox = group name, host NIL) and an end marker (all NIL).
import type { Address } from './types.ts';
import { NUL_REPLACEMENT, Rfc822Reader, Text } from './rfc822-reader.ts';

interface Draft {
  name: string | null;
  route: string | null;
  mailbox: string | null;
  domain: string | null;
  invalid: boolean;
}

const emptyDraft = (): Draft => ({ name: null, route: null, mailbox: null, domain: null, invalid: false });

export function parseAddressList(value: string): Address[] {
  return new AddressListParser(value).parse();
}

class AddressListParser {
  private readonly reader: Rfc822Reader;
  private readonly out: Address[] = [];
  private addr = emptyDraft();
  private str = new Text();

  constructor(value: string) {
    this.reader = new Rfc822Reader(value);
    this.reader.lastComment = '';
    this.reader.nulReplacement = NUL_REPLACEMENT;
  }

  parse(): Address[] {
    if (this.reader.skipLwsp() > 0) this.parseList();
    return this.out;
  }

  private cur(): number {
    return this.reader.peek();
  }

  private atEnd(): boolean {
    return this.reader.pos >= this.reader.end;
  }

  private add(): void {
    const { name, route, mailbox, domain } = this.addr;
    this.out.push({ name, adl: route, mailbox, host: domain });
    this.addr = emptyDraft();
  }

  private addFixed(): void {
    if (this.addr.mailbox === null) { this.addr.mailbox = 'MISSING_MAILBOX'; this.addr.invalid = true; }
    if (this.addr.domain === null || this.addr.domain === '') { this.addr.domain = 'MISSING_DOMAIN'; this.addr.invalid = true; }
    this.add();
  }

  private parseList(): void {
    for (;;) {
      if (this.parseAddress() === 0) return;
      if (this.atEnd() || this.cur() !== 0x2c) return;
      this.reader.pos++;
      const ret = this.reader.skipLwsp();
      if (ret <= 0) {
        if (ret < 0) this.addFixed(); // ends with garbage
        return;
      }
    }
  }

  private parseAddress(): number {
    const start = this.reader.pos;
    const ret = this.parseGroup();
    if (ret >= 0) return ret;
    this.reader.pos = start;
    return this.parseMailbox();
  }

  private parseGroup(): number {
    this.str = new Text();
    if (this.reader.parsePhrase(this.str) <= 0 || this.cur() !== 0x3a) return -1;
    // from here on it is a group, even when broken
    this.reader.pos++;
    let ret = this.reader.skipLwsp();
    if (ret <= 0) this.addr.invalid = true;
    this.addr.mailbox = this.str.value;
    this.add();
    if (ret > 0 && this.cur() !== 0x3b) {
      for (;;) {
        this.parseMailbox();
        if (this.atEnd() || this.cur() !== 0x2c) break;
        this.reader.pos++;
        if (this.reader.skipLwsp() <= 0) { ret = -1; break; }
      }
    }
    if (ret >= 0) {
      if (this.atEnd() || this.cur() !== 0x3b) ret = -1;
      else { this.reader.pos++; ret = this.reader.skipLwsp(); }
    }
    if (ret < 0) this.addr.invalid = true;
    this.add();
    return ret === 0 ? 0 : 1;
  }

  private parseMailbox(): number {
    const start = this.reader.pos;
    let ret = this.parseNameAddr();
    if (ret < 0) {
      this.reader.pos = start;
      ret = this.parseAddrSpec();
      const a = this.addr;
      if (a.invalid && a.name === null && a.mailbox !== null && a.domain === null) {
        a.name = a.mailbox;
        a.mailbox = null;
      }
    }
    if (ret < 0) this.addr.invalid = true;
    this.addFixed();
    return ret;
  }

  private parseNameAddr(): number {
    this.str = new Text();
    if (this.reader.parsePhrase(this.str) <= 0 || this.cur() !== 0x3c) return -1;
    this.addr.name = this.str.value === '' ? null : this.str.value;
    if (this.parseAngleAddr() < 0) {
      this.addr.domain = 'SYNTAX_ERROR';
      this.addr.invalid = true;
    }
    return this.atEnd() ? 0 : 1;
  }

  private parseAngleAddr(): number {
    this.reader.pos++;
    if (this.reader.skipLwsp() <= 0) return -1;
    if (this.cur() === 0x40) {
      if (this.parseRoute() > 0 && this.cur() === 0x3a) {
        this.reader.pos++;
      } else {
        this.addr.route = 'INVALID_ROUTE';
        if (this.atEnd()) return -1;
      }
      if (this.reader.skipLwsp() <= 0) return -1;
    }
    if (this.cur() !== 0x3e) {
      if (this.parseLocalPart() <= 0) return -1;
      if (this.cur() === 0x40 && this.parseDomain() <= 0) return -1;
    }
    if (this.cur() !== 0x3e) return -1;
    this.reader.pos++;
    return this.reader.skipLwsp();
  }

  /** obs-domain-list: "@a,@b" before the ":" of a source route. */
  private parseRoute(): number {
    this.str = new Text();
    for (;;) {
      if (this.atEnd()) return 0;
      if (this.cur() !== 0x40) break;
      if (this.str.value.length > 0) this.str.value += ',';
      this.str.value += '@';
      const ret = this.reader.parseDomain(this.str);
      if (ret <= 0) return ret;
      while (this.reader.skipLwsp() > 0 && this.cur() === 0x2c) this.reader.pos++;
    }
    this.addr.route = this.str.value;
    return 1;
  }

  private parseAddrSpec(): number {
    let domainRet = -2;
    this.reader.lastComment = '';
    const quoted = this.cur() === 0x22;
    let ret = this.parseLocalPart();
    if (ret <= 0) this.addr.invalid = true;
    if (ret !== 0 && !this.atEnd() && this.cur() === 0x40) {
      domainRet = this.parseDomain();
      if (domainRet <= 0) ret = domainRet;
    }
    if (this.reader.lastComment !== null && this.reader.lastComment.length > 0) {
      this.addr.name = this.reader.lastComment;
    } else if (domainRet === -2) {
      // "user" alone is a mailbox; "user more words" is a display name
      this.str.value += ' ';
      const before = this.str.value.length;
      this.reader.parsePhrase(this.str);
      if (this.str.value.length !== before) {
        this.addr.mailbox = null;
        this.addr.name = this.str.value;
      } else if (!quoted) {
        this.addr.domain = '';
      }
      this.addr.invalid = true;
      ret = -1;
    }
    return ret;
  }

  private parseLocalPart(): number {
    this.str = new Text();
    const ret = this.cur() === 0x22 ? this.reader.parseQuotedString(this.str) : this.parseLooseDotAtom();
    if (ret < 0) return -1;
    this.addr.mailbox = this.str.value;
    return ret;
  }

  /** dot-atom that tolerates leading, trailing and doubled dots (common in Japanese mobile addresses). */
  private parseLooseDotAtom(): number {
    let ret = -1;
    do {
      while (this.cur() === 0x2e) {
        this.str.value += '.';
        this.reader.pos++;
        if (this.atEnd()) return 0;
        ret = 1;
      }
      if (this.cur() === 0x40) break;
      ret = this.reader.parseAtom(this.str);
    } while (ret > 0 && this.cur() === 0x2e);
    return ret;
  }

  private parseDomain(): number {
    this.str = new Text();
    const ret = this.reader.parseDomain(this.str);
    if (ret < 0) return -1;
    this.addr.domain = this.str.value;
    return ret;
  }
}
