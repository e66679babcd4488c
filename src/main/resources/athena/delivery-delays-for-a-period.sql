-- name: Delivery delays of the last 7 days
-- description: Messages SES is still retrying (mailbox full, receiver throttling, ...), per recipient, with the receiving server's answer, today and the 6 days before (UTC).
SELECT
  deliveryDelay.timestamp AS delayed_at,
  deliveryDelay.delayType AS delay_type,
  deliveryDelay.expirationTime AS gives_up_at,
  delayed.email_address AS recipient,
  delayed.status AS status,
  delayed.diagnostic_code AS diagnostic,
  deliveryDelay.reportingMTA AS reporting_mta,
  mail.source AS sender,
  mail.commonHeaders.subject AS subject,
  mail.messageId AS message_id
FROM seslogs
-- UNNEST of an array of ROWs gives one column per ROW field, in the table's field order.
CROSS JOIN UNNEST(deliveryDelay.delayedRecipients) AS delayed (email_address, status, diagnostic_code)
WHERE event_type = 'DeliveryDelay'
  AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
ORDER BY deliveryDelay.timestamp;
