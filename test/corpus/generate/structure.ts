// Corpus messages that exercise BODYSTRUCTURE on well-formed MIME: alternatives, attachments, nesting,
// message/rfc822, digest, signed/encrypted shapes, calendar, and every extension field.
import { crlf, lf, base64Lines, pseudoRandom } from './build.ts';

const HEAD = (subject: string, type: string) => `From: Sender <sender@example.com>
To: Receiver <receiver@example.net>
Subject: ${subject}
Date: Wed, 12 Nov 2025 16:20:00 +0100
Message-ID: <${subject.replace(/\W+/g, '-')}@example.com>
MIME-Version: 1.0
Content-Type: ${type}
`;

const pdf = base64Lines(pseudoRandom(3000, 7));
const png = base64Lines(pseudoRandom(900, 11));

const innerMessage = `From: Inner Author <inner@example.org>
To: Someone <someone@example.org>
Subject: the forwarded one
Date: Mon, 1 Sep 2025 08:00:00 +0000
Message-ID: <inner@example.org>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="inner-alt"

--inner-alt
Content-Type: text/plain; charset=utf-8

plain inner
--inner-alt
Content-Type: text/html; charset=utf-8

<b>html inner</b>
--inner-alt--
`;

export const structureMessages: Record<string, Buffer> = {
  'mp-alternative': crlf(`${HEAD('alternative', 'multipart/alternative; boundary="b1"')}
--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hello =E2=80=94 plain version.
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><body><p>Hello =E2=80=94 <b>html</b> version.</p></body></html>
--b1--
`),

  'mp-mixed-attachment': crlf(`${HEAD('mixed with pdf', 'multipart/mixed;\n boundary="----=_Part_1_2020.1700000000000"')}
This is a multi-part message in MIME format.

------=_Part_1_2020.1700000000000
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Please find the report attached.

------=_Part_1_2020.1700000000000
Content-Type: application/pdf; name="report.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="report.pdf"; size=3000;
 creation-date="Wed, 12 Nov 2025 16:00:00 +0100"

${pdf}
------=_Part_1_2020.1700000000000--

epilogue text that nobody reads
`),

  'mp-related': crlf(`${HEAD('related', 'multipart/related; type="text/html"; boundary=rel')}
--rel
Content-Type: text/html; charset=utf-8
Content-Location: http://example.com/newsletter.html

<html><img src="cid:logo@example.com"></html>
--rel
Content-Type: image/png; name=logo.png
Content-ID: <logo@example.com>
Content-Transfer-Encoding: base64
Content-Disposition: inline; filename=logo.png
Content-Location: logo.png

${png}
--rel--
`),

  'mp-nested-three-deep': crlf(`${HEAD('nested', 'multipart/mixed; boundary=outer')}
--outer
Content-Type: multipart/alternative; boundary=middle

--middle
Content-Type: text/plain

plain
--middle
Content-Type: multipart/related; boundary=inner

--inner
Content-Type: text/html

<img src="cid:i1">
--inner
Content-Type: image/gif
Content-ID: <i1>
Content-Transfer-Encoding: base64

R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7
--inner--
--middle--
--outer
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

${base64Lines(pseudoRandom(200, 3))}
--outer--
`),

  'mp-forwarded-rfc822': crlf(`${HEAD('forward', 'multipart/mixed; boundary="fwd"')}
--fwd
Content-Type: text/plain

See the forwarded message below.
--fwd
Content-Type: message/rfc822; name="forwarded.eml"
Content-Disposition: attachment; filename="forwarded.eml"
Content-Description: Forwarded message

${innerMessage}
--fwd--
`),

  'mp-rfc822-simple-inner': crlf(`${HEAD('forward simple', 'multipart/mixed; boundary=x')}
--x
Content-Type: message/rfc822

From: old@example.com
Subject: plain inner
Date: Tue, 2 Sep 2025 09:00:00 +0000

just text
--x--
`),

  'mp-rfc822-twice-nested': crlf(`${HEAD('double forward', 'message/rfc822')}
From: Middle <middle@example.com>
To: a@example.com
Subject: middle layer
MIME-Version: 1.0
Content-Type: message/rfc822

${innerMessage}`),

  'mp-rfc822-no-inner-mime': crlf(`${HEAD('inner without mime', 'message/rfc822')}
From: x@example.com
Subject: inner has Content-Type but no MIME-Version
Content-Type: text/html
Content-Transfer-Encoding: base64

PGI+aGk8L2I+
`),

  'mp-digest': crlf(`${HEAD('digest', 'multipart/digest; boundary="dig"')}
Preamble of the digest.

--dig

From: one@example.com
Subject: digest item one

first item
--dig
Content-Type: text/plain

not a message, explicitly text
--dig

From: two@example.com
Subject: digest item two
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=d2

--d2
Content-Type: text/plain

two plain
--d2--
--dig--
`),

  'mp-digest-in-mixed': crlf(`${HEAD('digest inside mixed', 'multipart/mixed; boundary=m')}
--m
Content-Type: text/plain

intro
--m
Content-Type: multipart/digest; boundary=d

--d

Subject: item

item body
--d
Content-Type: message/rfc822

Subject: explicit

explicit body
--d--
--m--
`),

  'mp-signed-pgp': crlf(`${HEAD('signed', 'multipart/signed; micalg=pgp-sha256;\n protocol="application/pgp-signature"; boundary="sig"')}
This is an OpenPGP/MIME signed message (RFC 4880 and 3156)
--sig
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Signed text.
--sig
Content-Type: application/pgp-signature; name="signature.asc"
Content-Description: OpenPGP digital signature
Content-Disposition: attachment; filename="signature.asc"

-----BEGIN PGP SIGNATURE-----

${base64Lines(pseudoRandom(120, 5))}
-----END PGP SIGNATURE-----

--sig--
`),

  'mp-encrypted-pgp': crlf(`${HEAD('encrypted', 'multipart/encrypted;\n protocol="application/pgp-encrypted";\n boundary="enc"')}
--enc
Content-Type: application/pgp-encrypted
Content-Description: PGP/MIME version identification

Version: 1
--enc
Content-Type: application/octet-stream; name="encrypted.asc"
Content-Description: OpenPGP encrypted message
Content-Disposition: inline; filename="encrypted.asc"

-----BEGIN PGP MESSAGE-----

${base64Lines(pseudoRandom(400, 9))}
-----END PGP MESSAGE-----
--enc--
`),

  'mp-smime': crlf(`${HEAD('smime', 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"')}Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="smime.p7m"
Content-Description: S/MIME Encrypted Message

${base64Lines(pseudoRandom(600, 13))}
`),

  'mp-calendar': crlf(`${HEAD('invitation', 'multipart/alternative; boundary="cal"')}
--cal
Content-Type: text/plain; charset="UTF-8"

You are invited.
--cal
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: 7bit

BEGIN:VCALENDAR
METHOD:REQUEST
BEGIN:VEVENT
DTSTART:20251120T100000Z
SUMMARY:Review
END:VEVENT
END:VCALENDAR
--cal
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=
--cal--
`),

  'mp-extension-fields': crlf(`${HEAD('every extension field', 'multipart/mixed; boundary=ext; charset=ignored')}Content-Language: en
Content-Location: http://example.com/whole

--ext
Content-Type: text/plain; charset=utf-8; delsp=yes; format=flowed
Content-ID: <part1@example.com>
Content-Description: The main text
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
Content-Language: en-GB, fr-CA , de
Content-Location: part1.txt
Content-Disposition: inline

text with all extension fields
--ext
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="a.bin"; modification-date="Wed, 12 Nov 2025 16:00:00 +0100"; read-date="x"; size=5
Content-Language: (comment) es
Content-Transfer-Encoding: base64

AAECAwQ=
--ext--
`),

  'mp-rfc2231-params': crlf(`${HEAD('rfc2231', 'multipart/mixed; boundary=r')}
--r
Content-Type: application/octet-stream;
 name*=utf-8''na%C3%AFve%20file.txt
Content-Disposition: attachment;
 filename*=utf-8''na%C3%AFve%20file.txt

one
--r
Content-Type: text/plain; charset=us-ascii;
 title*0*=us-ascii'en'This%20is%20even%20more%20;
 title*1*=%2A%2A%2Afun%2A%2A%2A%20;
 title*2="isn't it!"
Content-Disposition: attachment;
 filename*0="very-long-";
 filename*1="file-name";
 filename*2=".txt"

two
--r
Content-Type: text/plain; name*2="c"; name*0="a"; name*1="b"; other*1="gap"; other*3="gap2"

three
--r
Content-Type: text/plain; name*="unquoted-extended"; x*=utf-8'en'%41%42; y*0*=utf-8''%C3%A9; y*1=plain%

four
--r--
`),

  'mp-params-oddities': crlf(`${HEAD('parameter oddities', 'multipart/mixed; boundary="p"')}
--p
Content-Type: text/plain; charset="utf-8"; name==?utf-8?B?w6kudHh0?=; empty=""; spaced = "a b" ; CaSe=VaLuE

one
--p
Content-Type: text/plain; ; charset=us-ascii; novalue; =bad; ok=yes

two
--p
Content-Type: text/plain; charset=us-ascii (comment); name="q\\"uo\\"te\\"s\\"\\"x"

three
--p
Content-Type: TEXT/HTML; CHARSET=UTF-8
Content-Transfer-Encoding: BASE64
Content-Disposition: ATTACHMENT; FILENAME=UPPER.HTML

PGI+PC9iPg==
--p
Content-Type: application/x-unknown;name=tight.bin;x=y
Content-Transfer-Encoding: 8bit (with comment)
Content-Disposition: attachment;filename=tight.bin

8bit caf\xc3\xa9
--p--
`),

  'mp-preamble-epilogue': crlf(`${HEAD('preamble and epilogue', 'multipart/mixed; boundary=pe')}
preamble line 1
preamble line 2
--pe
Content-Type: text/plain

part
--pe--
epilogue line 1
epilogue line 2
`),

  'mp-deep-nesting': crlf(`${HEAD('deep', 'multipart/mixed; boundary=L0')}
${Array.from({ length: 9 }, (_, i) => `--L${i}\nContent-Type: multipart/mixed; boundary=L${i + 1}\n\n`).join('')}--L9
Content-Type: text/plain

deepest
${Array.from({ length: 10 }, (_, i) => `--L${9 - i}--\n`).join('')}`),

  'mp-lf-only-multipart': lf(`${HEAD('bare LF multipart', 'multipart/alternative; boundary=lfb')}
--lfb
Content-Type: text/plain

plain LF
--lfb
Content-Type: text/html

<p>html LF</p>
--lfb--
`),

  'mp-base64-inline-image-8bit-text': crlf(`${HEAD('8bit text and image', 'multipart/mixed; boundary=8b')}
--8b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Gr\xc3\xbc\xc3\x9fe, \xe2\x82\xac 10
--8b
Content-Type: image/jpeg
Content-Transfer-Encoding: base64
Content-Disposition: inline

${base64Lines(pseudoRandom(1500, 17))}
--8b--
`),
};
