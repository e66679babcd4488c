-- name: Daily counts per member account
-- archive-only
-- description: Archive stacks: per member account and day of sending (UTC), today and the 6 days before, the counts and rates of 'Daily sending counts and rates'. Add AND account = '<id>' to any query to see one account.
WITH outcomes AS (
  SELECT
    account,
    -- The day the message was sent (UTC), in the table's yyyy/MM/dd: every event of a message
    -- carries its send time, so a bounce or complaint that arrives days later still counts
    -- against the messages it is about.
    replace(substr(mail.timestamp, 1, 10), '-', '/') AS sent_day,
    event_type,
    CASE event_type
      WHEN 'Send' THEN cardinality(mail.destination)
      WHEN 'Delivery' THEN cardinality(delivery.recipients)
      WHEN 'Bounce' THEN cardinality(bounce.bouncedRecipients)
      WHEN 'Complaint' THEN cardinality(complaint.complainedRecipients)
    END AS recipients,
    bounce.bounceType AS bounce_type
  FROM seslogs
  -- Every event of a message arrives on or after the day the message was sent, so reading the
  -- days reported is enough.
  WHERE event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint')
    AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
)
SELECT
  account,
  sent_day,
  count_if(event_type = 'Send') AS messages_sent,
  coalesce(sum(recipients) FILTER (WHERE event_type = 'Send'), 0) AS recipients,
  coalesce(sum(recipients) FILTER (WHERE event_type = 'Delivery'), 0) AS delivered,
  coalesce(sum(recipients) FILTER (WHERE event_type = 'Bounce'), 0) AS bounced,
  coalesce(sum(recipients) FILTER (WHERE event_type = 'Bounce' AND bounce_type = 'Permanent'), 0) AS hard_bounced,
  coalesce(sum(recipients) FILTER (WHERE event_type = 'Complaint'), 0) AS complained,
  -- In double: 100.0 would be a DECIMAL(4,1) in Athena engine 3 and cut every rate to one
  -- decimal, hiding a 0.05% complaint rate. No recipients sent that day: no rate (null), not 0.
  round(100 * CAST(coalesce(sum(recipients) FILTER (WHERE event_type = 'Bounce' AND bounce_type = 'Permanent'), 0) AS double)
    / nullif(sum(recipients) FILTER (WHERE event_type = 'Send'), 0), 3) AS bounce_rate_percent,
  round(100 * CAST(coalesce(sum(recipients) FILTER (WHERE event_type = 'Complaint'), 0) AS double)
    / nullif(sum(recipients) FILTER (WHERE event_type = 'Send'), 0), 3) AS complaint_rate_percent
FROM outcomes
WHERE sent_day >= date_format(current_date - interval '6' day, '%Y/%m/%d')
GROUP BY account, sent_day
ORDER BY account, sent_day;
