-- name: Bounces of the last 7 days
-- description: The article's bounce report for today and the 6 days before (UTC), newest first: bounce type, reporting MTA, message, sender, subject, recipients and the sending IPs.
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
-- The table's day is yyyy/MM/dd: a comparison with a day computed from current_date still
-- lets partition projection read only the days asked for.
and day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
ORDER BY bounce.timestamp DESC;
