-- name: Delivery log of one day
-- description: Every Delivery event of one day (the article's first query, unchanged). Change the day; use event_type 'Bounce' or 'Complaint' for those.
SELECT * FROM seslogs
where event_type = 'Delivery'
and day = '2024/07/08';
