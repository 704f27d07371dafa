// A self-signed X.509 v3 server certificate (RFC 5280) built with node:crypto: RSA 2048 key, SHA-256
// signature, subjectAltName for the host names and addresses given. Used on first start when no certificate is
// configured, so STLS / implicit TLS work out of the box (clients must be told to accept it).
import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString, booleanValue, explicit, implicitPrimitive, nullValue, objectIdentifier, octetString, sequence, set,
  smallInteger, time, unsignedInteger, utf8String,
} from './der.ts';

export interface SelfSignedOptions {
  /** the certificate's common name, also the first DNS name */
  commonName: string;
  /** more DNS names and IP addresses for subjectAltName */
  altNames?: string[];
  validDays?: number;
}

export interface CertificatePair {
  certPem: string;
  keyPem: string;
}

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
};

function name(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organization), utf8String('mailferry self-signed'))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  // IPv6: expand "::" and write eight 16-bit groups
  const [head, tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return Buffer.concat(groups.map((g) => { const b = Buffer.alloc(2); b.writeUInt16BE(parseInt(g, 16)); return b; }));
}

function subjectAltName(names: string[]): Buffer {
  // RFC 5280 §4.2.1.6: dNSName [2] IA5String, iPAddress [7] OCTET STRING
  const entries = names.map((n) => (isIP(n) ? implicitPrimitive(7, ipBytes(n)) : implicitPrimitive(2, Buffer.from(n, 'ascii'))));
  return sequence(...entries);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanValue(true)] : []), octetString(value));
}

export function createSelfSignedCertificate(options: SelfSignedOptions): CertificatePair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + (options.validDays ?? 3650) * 24 * 60 * 60 * 1000);
  const algorithm = sequence(objectIdentifier(OID.sha256WithRSA), nullValue());
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const names = [options.commonName, ...(options.altNames ?? [])];
  const extensions = sequence(
    extension(OID.basicConstraints, true, sequence()),
    // digitalSignature + keyEncipherment
    extension(OID.keyUsage, true, Buffer.from([0x03, 0x02, 0x05, 0xa0])),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, false, subjectAltName(names)),
  );
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name(options.commonName),
    sequence(time(notBefore), time(notAfter)),
    name(options.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  // parse it back: a malformed encoding fails here, at creation, rather than in a client's handshake
  new X509Certificate(certPem);
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}
