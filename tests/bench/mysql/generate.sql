-- Shop-sized data for the OpenCart schema, so EXPLAIN and timings mean
-- something: 50,000 products in 2 languages and 2 stores, 3 categories each,
-- 2 options with 3 values each, 100,000 orders of 20,000 customers with 3
-- history rows each, and an SEO URL per product, language and store.
-- Run after opencart.sql with OpenCart's session settings (relaxed sql_mode);
-- uses MariaDB's SEQUENCE engine (seq_1_to_N). Demo rows keep ids below 1000.
SET SESSION sql_mode = 'NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION';

INSERT INTO oc_product (product_id, model, sku, quantity, stock_status_id, manufacturer_id,
  price, tax_class_id, date_available, sort_order, status, date_added, date_modified)
SELECT 1000 + seq, CONCAT('MDL-', LPAD(seq, 6, '0')), CONCAT('SKU-', seq), seq % 50, 7, seq % 10,
  (seq % 500) + 0.99, 9,
  -- 5 % not yet available, 30 % disabled: the listings must filter them out
  IF(seq % 20 = 0, '2030-01-01', DATE('2020-01-01') + INTERVAL (seq % 1800) DAY),
  seq % 7, IF(seq % 10 < 3, 0, 1),
  TIMESTAMP('2020-01-01') + INTERVAL seq * 53 MINUTE, TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE
FROM seq_1_to_50000;

INSERT INTO oc_product_description (product_id, language_id, name, description, tag, meta_title,
  meta_description, meta_keyword)
SELECT 1000 + s.seq, l.seq, CONCAT('Product ', MD5(s.seq)), 'A product.', '',
  CONCAT('Product ', s.seq), '', ''
FROM seq_1_to_50000 s CROSS JOIN seq_1_to_2 l;

INSERT INTO oc_product_to_store (product_id, store_id)
SELECT 1000 + s.seq, st.seq FROM seq_1_to_50000 s CROSS JOIN seq_0_to_1 st;

INSERT INTO oc_product_to_category (product_id, category_id)
SELECT 1000 + s.seq, 20 + ((s.seq + c.seq * 7) % 40) FROM seq_1_to_50000 s CROSS JOIN seq_0_to_2 c;

INSERT INTO oc_product_option (product_option_id, product_id, option_id, value, required)
SELECT 1000 + (s.seq - 1) * 2 + o.seq, 1000 + s.seq, 4 + o.seq, '', 1
FROM seq_1_to_50000 s CROSS JOIN seq_1_to_2 o;

INSERT INTO oc_product_option_value (product_option_value_id, product_option_id, product_id,
  option_id, option_value_id, quantity, subtract, price, price_prefix, points, points_prefix,
  weight, weight_prefix)
SELECT 1000 + ((s.seq - 1) * 2 + o.seq - 1) * 3 + v.seq, 1000 + (s.seq - 1) * 2 + o.seq,
  1000 + s.seq, 4 + o.seq, 40 + v.seq, 10, 1, 1.0, '+', 0, '+', 0, '+'
FROM seq_1_to_50000 s CROSS JOIN seq_1_to_2 o CROSS JOIN seq_1_to_3 v;

INSERT INTO oc_product_reward (product_id, customer_group_id, points)
SELECT 1000 + seq, 1, seq % 100 FROM seq_1_to_50000;

INSERT INTO oc_order (order_id, store_id, customer_id, customer_group_id, firstname, lastname,
  email, telephone, total, order_status_id, language_id, currency_id, currency_code,
  currency_value, date_added, date_modified)
SELECT seq, seq % 2, 1 + seq % 20000, 1, 'First', 'Last', CONCAT('c', seq % 20000, '@example.com'),
  '', (seq % 900) + 10, IF(seq % 25 = 0, 0, 1 + seq % 16), 1, 2, 'USD', 1,
  TIMESTAMP('2023-01-01') + INTERVAL seq * 7 MINUTE,
  TIMESTAMP('2023-01-01') + INTERVAL seq * 7 + 60 * (seq % 48) MINUTE
FROM seq_1_to_100000;

INSERT INTO oc_order_history (order_id, order_status_id, notify, comment, date_added)
SELECT o.seq, 1 + h.seq, 0, '', TIMESTAMP('2023-01-01') + INTERVAL o.seq * 7 + h.seq * 90 MINUTE
FROM seq_1_to_100000 o CROSS JOIN seq_0_to_2 h;

INSERT INTO oc_seo_url (store_id, language_id, query, keyword)
SELECT st.seq, l.seq, CONCAT('product_id=', 1000 + s.seq), CONCAT('product-', s.seq, '-', l.seq)
FROM seq_1_to_50000 s CROSS JOIN seq_1_to_2 l CROSS JOIN seq_0_to_1 st;

ANALYZE TABLE oc_product, oc_product_description, oc_product_to_store, oc_product_to_category,
  oc_product_option, oc_product_option_value, oc_product_reward, oc_order, oc_order_history,
  oc_seo_url;
