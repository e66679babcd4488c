-- name: Rejects and rendering failures of the last 7 days
-- description: Messages SES never sent: rejected (virus) or whose template could not be rendered, today and the 6 days before (UTC).
SELECT
  day,
  eventType AS event_type,
  mail.timestamp AS sent_at,
  mail.source AS sender,
  mail.destination AS recipients,
  mail.commonHeaders.subject AS subject,
  reject.reason AS reject_reason,
  failure.templateName AS template_name,
  failure.errorMessage AS rendering_error,
  mail.messageId AS message_id
FROM seslogs
WHERE event_type IN ('Reject', 'RenderingFailure')
  AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
ORDER BY mail.timestamp;
