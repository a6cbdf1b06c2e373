-- "Data travels instead of people": a catalogue material may be fetched
-- from a data resource (app/data) with the applicant's consent instead of
-- being uploaded; what was fetched is kept with the case.

-- The code of the resource (data_resource.code) the material can be
-- fetched from; '' when it cannot.
ALTER TABLE service_material ADD COLUMN fetch_resource TEXT NOT NULL
    DEFAULT '';

-- One fetched record per material of a case, written in the case's
-- transaction together with the exchange receipt of the read.
CREATE TABLE case_fetch (
	id		@ID@,
	case_id		BIGINT NOT NULL REFERENCES service_case(id),
	material	TEXT NOT NULL,
	resource_code	TEXT NOT NULL,
	department_id	BIGINT NOT NULL REFERENCES department(id),
	receipt_seq	BIGINT NOT NULL,
	receipt_hash	TEXT NOT NULL,
	record_values	TEXT NOT NULL,
	fetched_at	BIGINT NOT NULL,
	UNIQUE (case_id, material)
);
