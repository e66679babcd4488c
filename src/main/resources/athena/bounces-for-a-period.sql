-- name: Bounces for a period
-- description: Formatted bounce report for a period (the article's second query, unchanged: its 2024 days return nothing until you change them). 'Bounces of the last 7 days' runs as saved.
SELECT
bounce.bounceType as bouncebounceType
, bounce.bouncesubtype as bouncebouncesubtype
, bounce.feedbackid as bouncefeedbackid
, bounce.timestamp as bouncetimestamp
, bounce.reportingMTA as bouncereportingmta
, mail.messageId as messageid
, mail.timestamp as timestamp
, mail.source as source
, mail.commonHeaders.subject as subject
, mail.commonHeaders.to as to
, element_at(mail.headers,2) as replyto
, mail.tags.ses_source_ip as ses_source_ip
, mail.tags.ses_outgoing_ip as ses_outgoing_ip
FROM seslogs
where event_type = 'Bounce'
and day between '2024/11/01' and '2024/11/30';
