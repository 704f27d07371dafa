// Corpus messages that exercise the ENVELOPE: address syntax, encoded-words, folding, duplicates, 8-bit.
import { crlf, lf, words } from './build.ts';

const BODY = 'Hello,\n\nthis is the body.\n';

export const headerMessages: Record<string, Buffer> = {
  'hdr-plain-ascii': crlf(`Return-Path: <alice@example.org>
Received: from mx.example.org (mx.example.org [192.0.2.1])
\tby mail.example.net with ESMTPS id 4F2A1; Mon, 3 Nov 2025 10:12:01 +0100
Date: Mon, 3 Nov 2025 10:11:58 +0100
From: Alice Example <alice@example.org>
To: Bob <bob@example.net>
Subject: Lunch on Friday?
Message-ID: <20251103101158.4F2A1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8; format=flowed
Content-Transfer-Encoding: 7bit

${BODY}`),

  'hdr-no-mime-version': crlf(`Date: Tue, 4 Nov 2025 08:00:00 +0000
From: noreply@example.com
To: user@example.net
Subject: Your report
Content-Type: text/html; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

<p>Report ready</p>
`),

  'hdr-cte-without-content-type': crlf(`From: legacy@example.com
To: user@example.net
Subject: no MIME headers but an encoding
Content-Transfer-Encoding: quoted-printable
Content-ID: <ignored@example.com>

caf=C3=A9
`),

  'hdr-lf-only': lf(`Date: Wed, 5 Nov 2025 12:00:00 -0500
From: "Unix User" <unix@example.edu>
To: list@example.edu
Subject: bare LF line endings
Message-ID: <lf-only@example.edu>
MIME-Version: 1.0
Content-Type: text/plain

line one
line two

line four
`),

  'hdr-mixed-line-endings': Buffer.concat([
    crlf('From: mixed@example.com\nTo: someone@example.com\n'),
    lf('Subject: half and half\nMessage-ID: <mixed@example.com>\n'),
    crlf('\nfirst body line\n'),
    lf('second body line\nthird\n'),
    crlf('last\n'),
  ]),

  'hdr-8bit-raw': crlf(`From: J\xf6rg M\xfcller <joerg@example.de>
To: =?utf-8?q?Ren=C3=A9?= <rene@example.fr>, Jos\xc3\xa9 <jose@example.es>
Subject: Gr\xfc\xdfe aus M\xfcnchen \xe2\x80\x94 caf\xc3\xa9
Date: Thu, 6 Nov 2025 09:30:00 +0100
Message-ID: <8bit@example.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

Sch\xf6ne Gr\xfc\xdfe!
`),

  'hdr-no-message-id': crlf(`From: script@example.com
To: admin@example.com
Subject: cron output
Date: Fri, 7 Nov 2025 03:00:01 +0000

/etc/cron.daily/logrotate: ok
`),

  'hdr-missing-from': crlf(`To: someone@example.com
Subject: who sent this?
Message-ID: <nofrom@example.com>

anonymous
`),

  'hdr-multiple-from': crlf(`From: first@example.com, "Second, Person" <second@example.com>
From: third@example.com
To: a@example.com
Subject: three authors
Message-ID: <multi-from@example.com>

co-authored
`),

  'hdr-sender-reply-to': crlf(`From: Boss <boss@example.com>
Sender: Assistant <assistant@example.com>
Reply-To: team@example.com, "Boss (private)" <boss.private@example.com>
To: staff@example.com
Cc: hr@example.com
Bcc: archive@example.com
Subject: meeting
In-Reply-To: <prev1@example.com> <prev2@example.com>
Message-ID: <sender@example.com>

See you at 10.
`),

  'hdr-empty-reply-to-sender': crlf(`From: a@example.com
Sender:
Reply-To:
To: b@example.com
Subject: empty Sender and Reply-To

body
`),

  'hdr-groups': crlf(`From: news@example.org
To: undisclosed-recipients:;
Cc: Team: ann@example.org, "Bo B." <bo@example.org>;, solo@example.org
Bcc: Empty Group: ;
Subject: groups
Message-ID: <groups@example.org>

group syntax
`),

  'hdr-group-unterminated': crlf(`From: news@example.org
To: Friends: a@example.org, b@example.org
Cc: "Quoted Group": c@example.org;
Subject: group without semicolon

body
`),

  'hdr-quoted-names': crlf(`From: "Doe, John \\"JD\\"" <john.doe@example.com>
To: "back\\\\slash" <bs@example.com>, "O'Brien" <ob@example.com>, "  spaced   out  " <sp@example.com>
Cc: "a \\"b\\" c \\"d\\" e" <many@example.com>
Subject: quoted display names
Message-ID: <quoted-names@example.com>

quoted
`),

  'hdr-encoded-words': crlf(`From: =?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <joerg@example.de>
To: "=?iso-8859-1?q?Fran=E7ois?=" <francois@example.fr>
Subject: =?UTF-8?Q?Caf=C3=A9_au_lait?= =?UTF-8?B?IOKYlQ==?=
 and more
Message-ID: <encoded@example.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

encoded words stay encoded
`),

  'hdr-weird-whitespace': crlf(`From:\t  Tab User\t<tab@example.com>\t
To:    spaced@example.com   ,   other@example.com
Subject: \t  lots \t of   whitespace\t\t 
Date:   Sat, 8 Nov 2025   14:00:00   +0000  
Message-ID:   <ws@example.com>   

body
`),

  'hdr-folded': crlf(`From: Folded
 Name <folded@example.com>
To: one@example.com,
\ttwo@example.com,
    three@example.com
Subject: This subject is folded
  across three
\tlines
Message-ID:
 <folded@example.com>
In-Reply-To:
\t<parent@example.com>
Date: Sun, 9 Nov 2025
 10:00:00 +0000

folded headers
`),

  'hdr-duplicates': crlf(`From: dup@example.com
To: a@example.com
To: b@example.com
Subject: first subject
Subject: second subject
Message-ID: <first@example.com>
Message-ID: <second@example.com>
Date: Mon, 10 Nov 2025 10:00:00 +0000
Date: Tue, 11 Nov 2025 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit
Content-Transfer-Encoding: base64

duplicates
`),

  'hdr-quoted-local-part': crlf(`From: "john doe"@example.com
To: "weird\\"quote"@example.com, "with@at"@example.com, "dots."@example.com
Cc: .leading@example.com, trailing.@example.com, a..b@example.com
Subject: quoted local parts

body
`),

  'hdr-route-and-literal': crlf(`From: Routed <@relay1.example,@relay2.example:user@example.com>
To: user@[192.0.2.55], <postmaster@[IPv6:2001:db8::1]>
Cc: <@broken-route user@example.com>
Subject: routes and domain literals

body
`),

  'hdr-address-comments': crlf(`From: user@example.com (Comment Name)
To: (leading comment) other@example.com, third@example.com (trailing (nested) comment)
Cc: Name (inner comment) <name@example.com>
Subject: comments in addresses

body
`),

  'hdr-address-incomplete': crlf(`From: localonly
To: <angleonly>, Display Only, @example.com
Cc: "unterminated <broken@example.com>
Bcc: ,,, , valid@example.com,
Subject: broken addresses

body
`),

  'hdr-address-garbage': crlf(`From: <<>> @@ ;; "x
To: a@b@c, <a@b>>, <>
Cc: =?utf-8?q?bad?= <bad@example.com
Subject: garbage

body
`),

  'hdr-subject-specials': crlf(`From: a@example.com
To: b@example.com
Subject: "quoted" and \\backslash\\ and "more" "quotes" here
Message-ID: <"weird"\\id@example.com>
In-Reply-To: <a\tb@example.com>

body
`),

  'hdr-empty-values': crlf(`From:
To:
Cc:
Subject:
Date:
Message-ID:
In-Reply-To:

body with empty headers
`),

  'hdr-space-only-values': crlf(`From:    
To: \t
Subject:    
Message-ID:  \t 

body
`),

  'hdr-name-oddities': crlf(`From : spaced-colon@example.com
Subject\t: tab before colon
To: b@example.com
x-no-value
Date:Mon, 10 Nov 2025 10:00:00 +0000
:no name here
MESSAGE-ID: <upper@example.com>

body
`),

  'hdr-long-folded-to': crlf(`From: bulk@example.com
To: ${Array.from({ length: 60 }, (_, i) => `"Recipient ${i}" <r${i}@example.com>`).join(',\n ')}
Subject: ${words(120)}
Message-ID: <long@example.com>

many recipients
`),

  'hdr-100kb-header-line': crlf(`From: big@example.com
To: b@example.com
X-Big: ${'x'.repeat(100 * 1024)}
Subject: ${words(14000, 'w')}
Message-ID: <bigheader@example.com>

body after huge headers
`),
};
