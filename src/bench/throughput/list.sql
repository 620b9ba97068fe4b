-- GET /api/faturamento?limit=50: one row more than the page tells whether there is a next page.
SELECT t.* FROM faturamento t WHERE TRUE ORDER BY t.id DESC LIMIT 51;
