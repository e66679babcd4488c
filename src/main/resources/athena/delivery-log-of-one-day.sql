-- name: Delivery log of one day
-- description: Every Delivery event of one day (the article's first query, unchanged: its 2024 day returns nothing until you change it). Use event_type 'Bounce' or 'Complaint' for those; 'Deliveries since yesterday' runs as saved.
SELECT * FROM seslogs
where event_type = 'Delivery'
and day = '2024/07/08';
