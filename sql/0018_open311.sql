-- Open311 GeoReport v2 (app/interact/open311.h): complaint and suggestion
-- letters posted by client applications. A request is a letter; these are
-- the facts a letter did not hold yet.

-- Posting clients. The key is "ywo_" + 43 base64url characters, shown
-- once; only its BLAKE2b-256 is kept (core/apikey.h, as exchange keys).
CREATE TABLE open311_client (
	id		@ID@,
	name		TEXT NOT NULL,
	prefix		TEXT NOT NULL,
	hash		TEXT NOT NULL UNIQUE,
	created_at	BIGINT NOT NULL,
	revoked_at	BIGINT,
	last_used_at	BIGINT
);

-- Where it happened (lat, lon came with 0014) and how to reach the writer
-- of a request from a client (never published).
ALTER TABLE letter ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE letter ADD COLUMN writer_email TEXT NOT NULL DEFAULT '';

-- GET requests: the public complaint and suggestion letters by time.
CREATE INDEX letter_open311 ON letter(channel, publish_ok, created_at);
