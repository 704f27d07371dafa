// Corpus messages at the edges of the rules: limits, prefix games between boundaries, parameter quirks,
// header names and values that only a tolerant reader gets right.
import { crlf, lf } from './build.ts';

const FROM = 'From: edge@example.com\nTo: t@example.net\n';

const deepNesting = (depth: number) => {
  let head = '';
  let tail = '';
  for (let i = 0; i < depth; i++) {
    head += `--d${i}\nContent-Type: multipart/mixed; boundary=d${i + 1}\n\n`;
    tail = `--d${i}--\n${tail}`;
  }
  return `${FROM}Subject: ${depth} levels\nContent-Type: multipart/mixed; boundary=d0\n\n${head}--d${depth}\n\ndeep\n--d${depth}--\n${tail}`;
};

export const edgeMessages: Record<string, Buffer> = {
  'edge-nesting-over-limit': crlf(deepNesting(105)),

  'edge-rfc822-nesting-over-limit': crlf(`${FROM}Subject: rfc822 in rfc822, 102 times\n${
    Array.from({ length: 102 }, (_, i) => `Content-Type: message/rfc822\n\nSubject: level ${i}\n`).join('')}\nbottom\n`),

  'edge-too-many-parts': crlf(`${FROM}Subject: 10050 parts\nContent-Type: multipart/mixed; boundary=n\n\n${
    Array.from({ length: 10050 }, (_, i) => `--n\n\n${i}\n`).join('')}--n--\n`),

  'edge-boundary-dash-games': crlf(`${FROM}Subject: boundaries foo and foo--\nContent-Type: multipart/mixed; boundary=foo\n\n--foo\nContent-Type: multipart/alternative; boundary="foo--"\n\n--foo--\nContent-Type: text/plain\n\ninner one\n--foo----\nafter inner close\n--foo\nContent-Type: text/plain\n\nouter two\n--foo--\n`),

  'edge-empty-boundary': crlf(`${FROM}Subject: empty boundary\nContent-Type: multipart/mixed; boundary=""\n\n--\nContent-Type: text/plain\n\none\n--anything\n\ntwo\n----\n`),

  'edge-boundary-spaces-and-specials': crlf(`${FROM}Subject: boundary with spaces\nContent-Type: multipart/mixed;\n\tboundary="a b:c/d=e?f"\n\n--a b:c/d=e?f\nContent-Type: text/plain\n\none\n--a b:c/d=e?f--\n`),

  'edge-boundary-rfc2231': crlf(`${FROM}Subject: boundary given in sections\nContent-Type: multipart/mixed; boundary*0="sec"; boundary*1="tions"\n\n--sections\nContent-Type: text/plain\n\none\n--sections--\n`),

  'edge-boundary-no-final-newline': crlf(`${FROM}Subject: close delimiter at end without newline\nContent-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\nbody\n--z--`).subarray(0),

  'edge-boundary-last-line-opens-part': crlf(`${FROM}Subject: message ends with an opening boundary\nContent-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\nbody\n--z\n`),

  'edge-base64-no-newline-before-boundary': crlf(`${FROM}Subject: data runs into the boundary\nContent-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAAA--q\nBBBB\n--q--\n`),

  'edge-dash-lines-in-body': crlf(`${FROM}Subject: lines of dashes\nContent-Type: multipart/mixed; boundary=abc\n\n--abc\nContent-Type: text/plain\n\n--\n---\n--ab\n-- abc\n--abc\n\n--abc--\n`),

  'edge-epilogue-with-parent-boundary': crlf(`${FROM}Subject: parent boundary in child epilogue\nContent-Type: multipart/mixed; boundary=P\n\n--P\nContent-Type: multipart/alternative; boundary=C\n\n--C\n\nc1\n--C--\nepilogue of C\n--P\nContent-Type: text/plain\n\np2\n--P--\nepilogue of P\n--P\nlate part after close\n`),

  'edge-rfc2231-quirks': crlf(`${FROM}Subject: rfc2231 quirks\nContent-Type: multipart/mixed; boundary=r\n\n--r\nContent-Type: text/plain; a*1="x"; b*="y"; c*0="1"; C*1="2"\n\none\n--r\nContent-Type: text/plain; name*0*=utf-8''%41; name*1="100%"; name*2*=%42\n\ntwo\n--r\nContent-Type: text/plain; k*x=bad; k**=dbl; k*0*=; z="last"\n\nthree\n--r--\n`),

  'edge-content-type-variants': crlf(`${FROM}Subject: content type variants\nContent-Type: multipart/mixed; boundary=v\n\n--v\nContent-Type: ;\nContent-Type: text/html\n\nfirst invalid wins\n--v\nContent-Type: text/pl\xe4in; charset=x\n\n8-bit in subtype\n--v\nContent-Type: (comment) text/plain (c2) ; (c3) charset = "utf-8" (c4)\n\ncomments everywhere\n--v\nContent-Type: text/plain; CHARSET=latin1\n\nupper-case charset name\n--v\nContent-Type: text/plain;\n charset=us-ascii;\n\tformat=flowed\n\nfolded params\n--v\nContent-Type: Text/Plain\nContent-Transfer-Encoding: Quoted-Printable (comment)\nContent-Language:\nContent-Location:\n http://example.com/\n folded\n\nmixed case\n--v--\n`),

  'edge-header-names': Buffer.concat([
    crlf(`${FROM}`),
    crlf('Subject'), Buffer.from([0]), crlf('x: subject after a NUL in the name\n'),
    crlf(`${'N'.repeat(1200)}: overlong name\n`),
    crlf(' leading space: not a continuation of anything?\n'),
    crlf('From sender@example.com Sat Jan  3 01:05:34 1996\n'),
    crlf('no-colon-line\n continued no colon\n'),
    crlf('Message-ID:\n\n'),
    crlf('body\n'),
  ]),

  'edge-leading-space-first-line': crlf(` Subject: first line starts with a space\n${FROM}\nbody\n`),

  'edge-only-blank-line': crlf('\n'),

  'edge-address-variants': crlf(`From: <>
To: a@b.example (c) , d@e.example, "" <empty-name@example.com>, =?utf-8?b?w6k=?= <enc@example.com>
Cc: Outer: Inner: x@y.example;;, "quoted \\"=?utf-8?q?w?=\\"" <q@example.com>
Bcc: undisclosed-recipients: ;, (only a comment), <@r1.example:route@example.com>
Reply-To: a@[unterminated, b@example.com
Sender: @, @example.com, user@, "x"@, "y"
Subject: address variants

body
`),

  'edge-header-values': Buffer.concat([
    crlf(`${FROM}Subject:\t\t\n`),
    crlf('Date: Mon, 1 Dec 2025 10:00:00 +0000 (UTC)\n  (more comment)\n'),
    crlf('In-Reply-To: <a@x>\n\t<b@x>\n'),
    crlf('Message-ID: <id@x> (comment)\n'),
    crlf('Content-Description: desc with\ttab and\n folding and "quotes" \\ \\ \\ \\ \\\n'),
    crlf('Content-ID: <id\n @folded>\n'),
    crlf('MIME-Version: 1.0\nMIME-Version: 2.0\nContent-Type: text/plain\n\nbody\n'),
  ]),

  'edge-subject-controls': Buffer.concat([
    crlf(`${FROM}Subject: a\rb`), Buffer.from([0x0b, 0x0c, 0x7f, 0]), crlf(' tail \t\n\nbody\n'),
  ]),

  'edge-digest-variants': crlf(`${FROM}Subject: digest variants\nMIME-Version: 1.0\nContent-Type: multipart/digest; boundary=dg\n\n--dg\nContent-Transfer-Encoding: 8bit\n\nSubject: no content type, has CTE\n\nx\n--dg\nMIME-Version: 1.0\n\nSubject: mime-version only\n\ny\n--dg\n\n\n--dg\n--dg--\n`),

  'edge-rfc822-inner-variants': crlf(`${FROM}Subject: inner message variants\nContent-Type: multipart/mixed; boundary=iv\n\n--iv\nContent-Type: message/rfc822\n\nMIME-Version: 1.0\nSubject: inner with MIME-Version, no Content-Type\nContent-Transfer-Encoding: base64\n\nAAAA\n--iv\nContent-Type: MESSAGE/RFC822; name=x\nContent-Transfer-Encoding: 7bit\n\nFrom: inner@example.com\nContent-Type: multipart/alternative; boundary=iv\n\n--iv\nContent-Type: text/plain\n\nsame boundary as the outer one\n--iv--\n`),

  'edge-mbox-from-line': lf(`From sender@example.com Sat Jan  3 01:05:34 1996
Return-Path: <sender@example.com>
From: sender@example.com
Subject: mbox separator kept at the top

body
`),
};
