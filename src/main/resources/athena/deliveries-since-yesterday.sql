-- name: Deliveries since yesterday
-- description: Every Delivery event of today and yesterday (UTC): the article's first query for the days just past, reading only those two days.
SELECT * FROM seslogs
where event_type = 'Delivery'
and day >= date_format(current_date - interval '1' day, '%Y/%m/%d');
