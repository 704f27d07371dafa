// Awkward messages every round trip must keep byte-exact.
export interface Sample {
  name: string;
  bytes: Buffer;
  flags: string[];
  internalDate: Date;
}

const date = (iso: string) => new Date(iso);

export function awkwardMessages(): Sample[] {
  const big8bit = Buffer.alloc(300_000);
  for (let i = 0; i < big8bit.length; i++) big8bit[i] = (i * 7919) % 256;
  return [
    {
      name: 'plain',
      bytes: Buffer.from('From: a@example.org\r\nSubject: hello\r\n\r\nbody line\r\n'),
      flags: ['\\Seen'],
      internalDate: date('2023-03-04T05:06:07Z'),
    },
    {
      name: 'from-lines',
      bytes: Buffer.from('Subject: quoting\n\nFrom the start\n>From once\n>>From twice\n>>>>From four\n>Fromage\nFrom\nFrom \n'),
      flags: ['\\Answered', '\\Flagged', 'project-x'],
      internalDate: date('2022-12-31T23:59:59Z'),
    },
    {
      name: 'no-trailing-newline',
      bytes: Buffer.from('Subject: cut\n\nno newline at the end'),
      flags: [],
      internalDate: date('2021-01-01T00:00:00Z'),
    },
    {
      name: 'ends-with-cr',
      bytes: Buffer.from('Subject: cr\r\n\r\nends with CR\r'),
      flags: ['\\Draft'],
      internalDate: date('2020-06-15T12:00:00Z'),
    },
    {
      name: 'ends-with-blank-lines',
      bytes: Buffer.from('Subject: blank\n\nbody\n\n\n'),
      flags: ['\\Deleted', '\\Seen', '$Forwarded'],
      internalDate: date('2019-02-03T04:05:06Z'),
    },
    {
      name: 'starts-with-from',
      bytes: Buffer.from('From nobody Thu Jan  1 00:00:00 2004\nSubject: embedded From line first\n\n\nFrom me Mon Feb  2 10:00:00 2004\nx\n'),
      flags: ['$Junk'],
      internalDate: date('2018-07-08T09:10:11Z'),
    },
    {
      name: 'eight-bit-nul',
      bytes: Buffer.concat([Buffer.from('Subject: caf\xe9 \xff\n\n', 'latin1'), Buffer.from([0, 1, 0, 0x0a, 0x80, 0xfe]), Buffer.from('\nFrom x\n')]),
      flags: ['\\Seen', '$label1'],
      internalDate: date('2024-02-29T00:00:01Z'),
    },
    {
      name: 'has-status-headers',
      bytes: Buffer.from('Status: RO\nX-Status: F\nX-Keywords: other\nX-Mailferry-Mbox: added=Status; final-newline=y\nSubject: looks like ours\n\nbody\n'),
      flags: ['\\Seen'],
      internalDate: date('2017-01-02T03:04:05Z'),
    },
    {
      name: 'starts-like-ours',
      bytes: Buffer.from('Status: O\nSubject: starts with a flag header\n\nbody\n'),
      flags: ['\\Flagged'],
      internalDate: date('2017-01-02T03:04:06Z'),
    },
    { name: 'empty', bytes: Buffer.alloc(0), flags: [], internalDate: date('2016-05-05T05:05:05Z') },
    {
      name: 'big-8bit',
      bytes: Buffer.concat([Buffer.from('Subject: big\n\n'), big8bit]),
      flags: ['\\Seen'],
      internalDate: date('2015-10-10T10:10:10Z'),
    },
  ];
}

/** splits a buffer into awkward chunk sizes, to exercise state kept across chunks */
export async function* chunked(bytes: Buffer, sizes = [1, 2, 3, 5, 7, 64, 4096]): AsyncIterable<Buffer> {
  let position = 0;
  let index = 0;
  while (position < bytes.length) {
    const size = sizes[index++ % sizes.length]!;
    yield bytes.subarray(position, position + size);
    position += size;
  }
}

export async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}
