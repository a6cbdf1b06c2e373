-- English versions of a service guide's texts (办事指南), beside the
-- Chinese ones of 0004_service.sql. Optional: '' means "not translated",
-- and English pages then show the Chinese text marked lang="zh-CN".
-- Publishing never needs them (src/app/service/catalog.h).

ALTER TABLE service_item ADD COLUMN legal_basis_en TEXT NOT NULL DEFAULT '';
ALTER TABLE service_item ADD COLUMN conditions_en TEXT NOT NULL DEFAULT '';
ALTER TABLE service_item ADD COLUMN fee_text_en TEXT NOT NULL DEFAULT '';
ALTER TABLE service_material ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE service_material ADD COLUMN description_en TEXT NOT NULL
    DEFAULT '';
ALTER TABLE service_step ADD COLUMN text_en TEXT NOT NULL DEFAULT '';
