// The server's CAPA answer (RFC 2449 §5–6) as data.

export interface Pop3Capabilities {
  /** every capability line, upper-cased keyword → its arguments */
  raw: Map<string, string[]>;
  pipelining: boolean;
  top: boolean;
  uidl: boolean;
  user: boolean;
  stls: boolean;
  respCodes: boolean;
  authRespCode: boolean;
  /** SASL mechanisms, upper-case */
  sasl: string[];
  /** RFC 2449 §6.7 EXPIRE: days, "NEVER", or null when not announced */
  expire: string | null;
  implementation: string | null;
}

export function parseCapabilities(lines: string[]): Pop3Capabilities {
  const raw = new Map<string, string[]>();
  for (const line of lines) {
    const [keyword, ...args] = line.trim().split(/\s+/);
    if (keyword) raw.set(keyword.toUpperCase(), args);
  }
  return {
    raw,
    pipelining: raw.has('PIPELINING'),
    top: raw.has('TOP'),
    uidl: raw.has('UIDL'),
    user: raw.has('USER'),
    stls: raw.has('STLS'),
    respCodes: raw.has('RESP-CODES'),
    authRespCode: raw.has('AUTH-RESP-CODE'),
    sasl: (raw.get('SASL') ?? []).map((m) => m.toUpperCase()),
    expire: raw.get('EXPIRE')?.[0] ?? null,
    implementation: raw.get('IMPLEMENTATION')?.join(' ') ?? null,
  };
}

/** Used when the server does not know CAPA (RFC 2449 §5: an -ERR means no capabilities beyond RFC 1939). */
export const NO_CAPABILITIES: Pop3Capabilities = parseCapabilities([]);
