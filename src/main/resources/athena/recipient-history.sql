-- name: Event history of one recipient
-- description: Every event of every message sent to one address, oldest first: what happened to mail for this person. Change the address and the days.
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
WHERE contains(mail.destination, 'recipient@example.com')
  AND day BETWEEN '2024/11/01' AND '2024/11/30'
ORDER BY mail.timestamp, day;
