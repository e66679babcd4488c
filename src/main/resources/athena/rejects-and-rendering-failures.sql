-- name: Rejects and rendering failures
-- description: Messages SES never sent: rejected (virus) or whose template could not be rendered. Change the two days.
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
  AND day BETWEEN '2024/11/01' AND '2024/11/30'
ORDER BY mail.timestamp;
