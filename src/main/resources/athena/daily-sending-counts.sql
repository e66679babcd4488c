-- name: Daily sending counts and rates
-- description: Per day: messages sent, delivered, bounced, complained, and the bounce and complaint rates AWS watches (AWS reviews an account at 5% bounces or 0.1% complaints). Change the two days.
SELECT
  day,
  count_if(event_type = 'Send') AS sent,
  count_if(event_type = 'Delivery') AS delivered,
  count_if(event_type = 'Bounce') AS bounced,
  count_if(event_type = 'Complaint') AS complained,
  round(100 * CAST(count_if(event_type = 'Bounce') AS double) / nullif(count_if(event_type = 'Send'), 0), 3) AS bounce_rate_percent,
  round(100 * CAST(count_if(event_type = 'Complaint') AS double) / nullif(count_if(event_type = 'Send'), 0), 3) AS complaint_rate_percent
-- In double: 100.0 would be a DECIMAL(4,1) in Athena engine 3 and cut every rate to one
-- decimal, hiding a 0.05% complaint rate.
FROM seslogs
WHERE event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint')
  AND day BETWEEN '2024/11/01' AND '2024/11/30'
GROUP BY day
ORDER BY day;
