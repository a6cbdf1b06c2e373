-- Exchange records without the per-value index (issue 4, speed): a pushed
-- record is one row of exchange_record (its values as JSON, as before) and
-- nothing else. exchange_value held one row per (record, item) under a
-- random-keyed index, which cost about 36 KB of WAL per pushed row. Reads
-- now filter on the key item through exchange_record(resource_id, rkey)
-- and on any other item by reading the resource's records in id order
-- (exchange_record_order) and comparing the value's canonical text, so a
-- page stops as soon as it is full. See src/app/data/exchange_store.c.

-- 1 when some record's rkey is not its value of the current key item (the
-- key item was changed after records were pushed): a filter on the key
-- item then reads the values instead of rkey.
ALTER TABLE data_resource ADD COLUMN rkey_mixed INTEGER NOT NULL DEFAULT 0;
UPDATE data_resource SET rkey_mixed = 1 WHERE key_item <> '' AND EXISTS
    (SELECT 1 FROM exchange_record r WHERE r.resource_id = data_resource.id
    AND (r.rkey IS NULL OR (length(r.rkey) <= 256 AND NOT EXISTS
    (SELECT 1 FROM exchange_value v WHERE v.record_id = r.id AND
    v.item = data_resource.key_item AND v.value = r.rkey))));

DROP INDEX exchange_value_lookup;
DROP TABLE exchange_value;
CREATE INDEX exchange_record_order ON exchange_record(resource_id, id);
