-- name: Event history of one recipient
-- description: Every event of every message sent to one address in the last 30 days (UTC), oldest first: what happened to mail for this person. Athena asks for the address when you run it (an execution parameter).
SELECT
  mail.timestamp AS sent_at,
  event_type,
  mail.messageId AS message_id,
  mail.source AS sender,
  mail.commonHeaders.subject AS subject,
  delivery.smtpResponse AS delivery_response,
  bounce.bounceType AS bounce_type,
  bounce.bounceSubType AS bounce_sub_type,
  complaint.complaintFeedbackType AS complaint_type,
  deliveryDelay.delayType AS delay_type,
  open.timestamp AS opened_at,
  click.link AS clicked_link
FROM seslogs
-- The address is an Athena execution parameter, the one question mark below: the console asks
-- for it (quoted: 'someone@example.com'); the API takes it in ExecutionParameters.
WHERE contains(mail.destination, ?)
  AND day >= date_format(current_date - interval '29' day, '%Y/%m/%d')
ORDER BY mail.timestamp, day;
