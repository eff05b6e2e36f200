-- q1 category listing (catalog/model/catalog/product.php getProducts, filter_category_id)
SELECT p.product_id FROM oc_product_to_category p2c LEFT JOIN oc_product p ON (p2c.product_id = p.product_id) LEFT JOIN oc_product_description pd ON (p.product_id = pd.product_id) LEFT JOIN oc_product_to_store p2s ON (p.product_id = p2s.product_id) WHERE pd.language_id = '1' AND p.status = '1' AND p.date_available <= NOW() AND p2s.store_id = '0' AND p2c.category_id = '20' GROUP BY p.product_id ORDER BY p.sort_order ASC, LCASE(pd.name) ASC LIMIT 0,15;
-- q2 search total (getTotalProducts, filter_name): every enabled, available product of the store
SELECT COUNT(DISTINCT p.product_id) AS total FROM oc_product p LEFT JOIN oc_product_description pd ON (p.product_id = pd.product_id) LEFT JOIN oc_product_to_store p2s ON (p.product_id = p2s.product_id) WHERE pd.language_id = '1' AND p.status = '1' AND p.date_available <= NOW() AND p2s.store_id = '0' AND pd.name LIKE 'Product 0%';
-- q3 latest products (getLatestProducts)
SELECT p.product_id FROM oc_product p LEFT JOIN oc_product_to_store p2s ON (p.product_id = p2s.product_id) WHERE p.status = '1' AND p.date_available <= NOW() AND p2s.store_id = '0' ORDER BY p.date_added DESC LIMIT 5;
-- q4 admin product list by name (admin/model/catalog/product.php getProducts)
SELECT * FROM oc_product p LEFT JOIN oc_product_description pd ON (p.product_id = pd.product_id) WHERE pd.language_id = '1' ORDER BY pd.name ASC LIMIT 0,10;
-- q5 admin filter by model / sync look-up by model
SELECT * FROM oc_product p LEFT JOIN oc_product_description pd ON (p.product_id = pd.product_id) WHERE pd.language_id = '1' AND p.model LIKE 'MDL-01234%' ORDER BY pd.name ASC LIMIT 0,10;
-- q6 product page options (getProductOptions)
SELECT * FROM oc_product_option po LEFT JOIN oc_option o ON (po.option_id = o.option_id) LEFT JOIN oc_option_description od ON (o.option_id = od.option_id) WHERE po.product_id = '25000' AND od.language_id = '1' ORDER BY o.sort_order;
-- q7 product page option values (getProductOptions)
SELECT * FROM oc_product_option_value pov LEFT JOIN oc_option_value ov ON (pov.option_value_id = ov.option_value_id) LEFT JOIN oc_option_value_description ovd ON (ov.option_value_id = ovd.option_value_id) WHERE pov.product_id = '25000' AND pov.product_option_id = '49001' AND ovd.language_id = '1' ORDER BY ov.sort_order;
-- q8 reward points (getProductRewards / cart)
SELECT points FROM oc_product_reward WHERE product_id = '25000' AND customer_group_id = '1';
-- q9 customer's orders (catalog/model/account/order.php getOrders)
SELECT o.order_id, o.firstname, o.lastname, os.name as status, o.date_added, o.total, o.currency_code, o.currency_value FROM oc_order o LEFT JOIN oc_order_status os ON (o.order_status_id = os.order_status_id) WHERE o.customer_id = '4242' AND o.order_status_id > '0' AND o.store_id = '0' AND os.language_id = '1' ORDER BY o.order_id DESC LIMIT 0,10;
-- q10 marketplace sync: orders changed since the last run
SELECT order_id, order_status_id, date_modified FROM oc_order WHERE date_modified > '2023-12-01 00:00:00' ORDER BY date_modified LIMIT 100;
-- q11 order history (getHistories)
SELECT oh.date_added, os.name AS status, oh.comment, oh.notify FROM oc_order_history oh LEFT JOIN oc_order_status os ON oh.order_status_id = os.order_status_id WHERE oh.order_id = '4242' AND os.language_id = '1' ORDER BY oh.date_added;
-- q12 SEO URL routing (catalog/controller/startup/seo_url.php)
SELECT * FROM oc_seo_url WHERE keyword = 'product-24000-1' AND store_id = '0';
-- q13 SEO URL rewriting of a link
SELECT * FROM oc_seo_url WHERE store_id = '0' AND language_id = '1' AND query = 'product_id=25000';
