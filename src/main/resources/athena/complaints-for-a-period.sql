-- name: Complaints of the last 7 days
-- description: Who marked which message as spam, when and through which feedback loop, today and the 6 days before (UTC).
SELECT
  complaint.timestamp AS complained_at,
  complained.email_address AS recipient,
  complaint.complaintFeedbackType AS feedback_type,
  complaint.complaintSubType AS sub_type,
  complaint.userAgent AS reported_via,
  mail.source AS sender,
  mail.commonHeaders.subject AS subject,
  mail.messageId AS message_id,
  mail.tags.ses_configuration_set AS configuration_set
FROM seslogs
-- UNNEST of an array of ROWs gives one column per ROW field (Athena engine 3 / Trino), here one.
CROSS JOIN UNNEST(complaint.complainedRecipients) AS complained (email_address)
WHERE event_type = 'Complaint'
  AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
ORDER BY complaint.timestamp;
