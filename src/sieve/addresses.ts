// Addresses out of header values (RFC 5322 §3.4): "Name <a@b>", bare a@b, quoted local parts, comments, groups
// ("team: a@b, c@d;"). Lenient: what does not look like an address is skipped rather than refused.

/** The addr-specs of an address-list header value, in order. */
export function parseAddressList(value: string): string[] {
  const addresses: string[] = [];
  for (const item of splitTopLevel(stripComments(value))) {
    let text = item.trim();
    // a group: "name: a, b;" — its members were split already; drop the display name of the first one
    const colon = indexOutsideQuotes(text, ':');
    if (colon !== -1 && !text.slice(0, colon).includes('<')) text = text.slice(colon + 1).trim();
    text = text.replace(/;\s*$/, '').trim();
    if (text === '') continue;
    const angle = /<([^<>]*)>\s*$/.exec(text);
    const spec = (angle ? angle[1]! : text).trim().replace(/^mailto:/i, '');
    // a source route "@a,@b:user@c" (RFC 5322 §4.4 obs-route) keeps only the address
    const cleaned = spec.replace(/^(@[^:]*:)/, '').trim();
    if (cleaned.includes('@') || angle) addresses.push(cleaned);
  }
  return addresses;
}

export function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

export function domainPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1);
}

function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      if (depth === 0) out += c + value[i + 1];
      i++;
      continue;
    }
    if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && depth > 0) depth--;
    else if (depth === 0) {
      if (c === '"') quoted = !quoted;
      out += c;
    }
  }
  return out;
}

/** Splits at commas that are outside quotes and angle brackets. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle++;
    else if (!quoted && c === '>' && angle > 0) angle--;
    if (c === ',' && !quoted && angle === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === char) return i;
  }
  return -1;
}
