// Corpus messages that are broken on purpose: what real mailboxes hold and a gateway must keep and describe.
import { crlf, lf, words } from './build.ts';

const FROM = 'From: broken@example.com\nTo: victim@example.net\n';

export const malformedMessages: Record<string, Buffer> = {
  'bad-nul-in-body': Buffer.concat([
    crlf(`${FROM}Subject: NUL bytes in body\nContent-Type: text/plain\n\nbefore `),
    Buffer.from([0, 0, 0x41, 0]),
    crlf(' after\nnext line\n'),
  ]),

  'bad-nul-in-headers': Buffer.concat([
    crlf(`${FROM}Subject: nul`), Buffer.from([0]), crlf(' inside\nX-Na'), Buffer.from([0]), crlf('me: v\n'),
    crlf('Content-Type: text/plain; name="a'), Buffer.from([0]), crlf('b"\nContent-ID: <id'), Buffer.from([0]),
    crlf('x>\nReply-To: "nul'), Buffer.from([0]), crlf('name" <r@example.com>\n\nbody\n'),
  ]),

  'bad-100kb-body-line': crlf(`${FROM}Subject: one very long line\nContent-Type: text/plain\n\n${'y'.repeat(100 * 1024)}\nshort line\n`),

  'bad-long-line-multipart': crlf(`${FROM}Subject: long line next to boundary\nContent-Type: multipart/mixed; boundary=ll\n\n--ll\nContent-Type: text/plain\n\n${words(20000, 'z')}\n--ll\n\n${'-'.repeat(90000)}\n--ll--\n`),

  'bad-header-only-no-newline': lf(`${FROM}Subject: header only, no final newline`),

  'bad-header-only-with-newline': crlf(`${FROM}Subject: header only\n`),

  'bad-header-and-blank-no-body': crlf(`${FROM}Subject: empty body\n\n`),

  'bad-body-without-blank-line': crlf(`${FROM}Subject: no separator
This line is the body but looks like a header
and this: has a colon
`),

  'bad-no-headers-at-all': crlf('\njust a body after an empty header\n'),

  'bad-only-body-text': crlf('no header line here at all\nsecond line\n'),

  'bad-no-final-newline': crlf(`${FROM}Subject: no newline at end\n\nlast line without newline`).subarray(0),

  'bad-cr-only': Buffer.from(`From: mac@example.com\rSubject: classic Mac line endings\r\rbody\r`, 'latin1'),

  'bad-boundary-never-used': crlf(`${FROM}Subject: boundary declared, never used\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="nothere"\n\nplain text pretending\n`),

  'bad-boundary-param-missing': crlf(`${FROM}Subject: multipart without boundary\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--guess\nContent-Type: text/plain\n\ntext\n--guess--\n`),

  'bad-unterminated-multipart': crlf(`${FROM}Subject: no closing boundary\nContent-Type: multipart/mixed; boundary=open\n\n--open\nContent-Type: text/plain\n\nfirst\n--open\nContent-Type: text/html\n\n<p>second, never closed</p>\n`),

  'bad-inner-never-closed': crlf(`${FROM}Subject: inner boundary never closed\nContent-Type: multipart/mixed; boundary=out\n\n--out\nContent-Type: multipart/alternative; boundary=in\n\n--in\nContent-Type: text/plain\n\ninner one\n--in\nContent-Type: text/html\n\ninner two\n--out\nContent-Type: text/plain\n\nafter inner\n--out--\n`),

  'bad-boundary-prefixes': crlf(`${FROM}Subject: boundary prefixes\nContent-Type: multipart/mixed; boundary="abc"\n\n--abc\nContent-Type: multipart/alternative; boundary="abcdef"\n\n--abcdef\nContent-Type: text/plain\n\nx\n--abcdefgh\nnot a new part? it is: prefix match\n--abcdef--\n--abc-not-closing\ntext\n--abc--\n`),

  'bad-same-boundary-nested': crlf(`${FROM}Subject: same boundary twice\nContent-Type: multipart/mixed; boundary=same\n\n--same\nContent-Type: multipart/alternative; boundary=same\n\n--same\nContent-Type: text/plain\n\nwhich level?\n--same--\n--same\nContent-Type: text/plain\n\nlast\n--same--\n`),

  'bad-part-header-no-body': crlf(`${FROM}Subject: part without body\nContent-Type: multipart/mixed; boundary=h\n\n--h\nContent-Type: text/plain\nContent-ID: <nobody@x>\n--h\nContent-Type: text/plain\n\n--h\n\nheaderless part\n--h\n--h--\n`),

  'bad-boundary-whitespace': crlf(`${FROM}Subject: boundary lines with trailing junk\nContent-Type: multipart/mixed; boundary=ws\n\n--ws   \nContent-Type: text/plain\n\none\n--ws\t\nContent-Type: text/plain\n\ntwo\n--ws--   trailing\nepilogue\n`),

  'bad-long-boundary': crlf(`${FROM}Subject: 95-character boundary\nContent-Type: multipart/mixed; boundary="${'B'.repeat(95)}"\n\n--${'B'.repeat(95)}\nContent-Type: text/plain\n\nlong\n--${'B'.repeat(82)}\nContent-Type: text/plain\n\ntruncated match\n--${'B'.repeat(95)}--\n`),

  'bad-content-type-invalid': crlf(`${FROM}Subject: invalid content types\nContent-Type: multipart/mixed; boundary=ct\n\n--ct\nContent-Type: text\n\nno subtype\n--ct\nContent-Type: text/plain garbage; charset=x\n\ngarbage after subtype\n--ct\nContent-Type:\n\nempty\n--ct\nContent-Type: application/\n\nempty subtype\n--ct\nContent-Type: /plain\n\nempty type\n--ct\nContent-Type: text/plain;charset=us-ascii;;\n\ndouble semicolon\n--ct\nContent-Type: "text/plain"\n\nquoted\n--ct\nContent-Type: image/png (comment) ; name=x\n\ncomment\n--ct--\n`),

  'bad-message-rfc822-empty': crlf(`${FROM}Subject: empty attached message\nContent-Type: multipart/mixed; boundary=e\n\n--e\nContent-Type: message/rfc822\n\n--e\nContent-Type: message/rfc822\n\n\nbody of headerless inner message\n--e--\n`),

  'bad-rfc822-top-empty': crlf(`${FROM}Subject: top level message/rfc822, empty\nContent-Type: message/rfc822\n\n`),

  'bad-encoding-oddities': crlf(`${FROM}Subject: encodings\nContent-Type: multipart/mixed; boundary=enc\n\n--enc\nContent-Type: text/plain\nContent-Transfer-Encoding: base 64\n\nspace in token\n--enc\nContent-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n--enc\nContent-Type: text/plain\nContent-Transfer-Encoding:\n\nempty\n--enc\nContent-Type: text/plain\nContent-Transfer-Encoding: "quoted"\n\nquoted\n--enc--\n`),

  'bad-disposition-oddities': crlf(`${FROM}Subject: dispositions\nContent-Type: multipart/mixed; boundary=d\n\n--d\nContent-Type: text/plain\nContent-Disposition:\n\nempty\n--d\nContent-Type: text/plain\nContent-Disposition: ; filename=x.txt\n\nno type\n--d\nContent-Type: text/plain\nContent-Disposition: inline\nContent-Disposition: attachment; filename=second.txt\n\ntwo dispositions\n--d\nContent-Type: text/plain\nContent-Disposition: attachment; filename=first.txt\nContent-Disposition: inline\n\nfirst with params wins\n--d--\n`),

  'bad-8bit-in-mime-headers': crlf(`${FROM}Subject: 8bit params\nContent-Type: multipart/mixed; boundary=8\n\n--8\nContent-Type: text/plain; name="r\xe9sum\xe9.txt"; charset=iso-8859-1\nContent-Disposition: attachment; filename=r\xc3\xa9sum\xc3\xa9.txt\nContent-Description: D\xe9tails\nContent-ID: <\xe9@x>\n\ncontent\n--8--\n`),

  'bad-escape-heavy-values': crlf(`${FROM}Subject: \\\\\\\\\\\\ six backslashes\nContent-Type: text/plain; name="a\\"b\\"c\\"d\\"e"; other="\\\\\\\\"\nContent-Description: "1" "2" "3"\nContent-ID: "a" "b" "c"\nMessage-ID: <"a""b""c"@x>\n\nbody\n`),

  'bad-boundary-at-start-of-part-header': crlf(`${FROM}Subject: boundary inside part header\nContent-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\nX-Header: value\n--q\nContent-Type: text/html\n\n<p>ok</p>\n--q--\n`),

  'bad-nested-message-cut-by-boundary': crlf(`${FROM}Subject: attached message cut short\nContent-Type: multipart/mixed; boundary=cut\n\n--cut\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: multipart/mixed; boundary=innercut\n\n--innercut\nContent-Type: text/plain\n\nnever closed inside\n--cut\nContent-Type: text/plain\n\nouter continues\n--cut--\n`),

  'bad-lf-and-crlf-in-multipart': Buffer.concat([
    crlf(`${FROM}Subject: mixed endings in parts\nContent-Type: multipart/mixed; boundary=mx\n\n--mx\n`),
    lf('Content-Type: text/plain\n\nlf part\nline two\n'),
    crlf('--mx\nContent-Type: text/plain\n\ncrlf part\n'),
    lf('--mx--\n'),
  ]),

  'bad-whitespace-header-line': crlf(`${FROM}Subject: header block with a whitespace-only line\n \nX-After: still header?\n\nbody\n`),

  'bad-empty-message': Buffer.alloc(0),
};
