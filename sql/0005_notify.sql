-- The message centre: the outbox of messages to deliver by e-mail or
-- webhook, drained by `yiwang outbox drain`, and the in-platform inbox
-- ("my messages"). An inbox message is an outbox row of channel 'inbox'
-- that is delivered by being stored (status 'sent' from the start), so one
-- enqueue call, one dedup key and one transaction serve every channel.
-- Times are unix seconds in UTC.

CREATE TABLE outbox (
	id		@ID@,
	created_at	BIGINT NOT NULL,
	account_id	BIGINT REFERENCES account(id) ON DELETE CASCADE,
	channel		TEXT NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
	recipient	TEXT NOT NULL DEFAULT '',	-- e-mail address or http(s) URL
	subject		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	payload		TEXT NOT NULL DEFAULT '{}',	-- compact JSON; a webhook's body
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
	attempts	BIGINT NOT NULL DEFAULT 0,	-- started, counted at claim
	next_attempt_at	BIGINT NOT NULL,		-- pending: due from then
	lease_until	BIGINT,				-- sending: the drainer's lease
	last_error	TEXT NOT NULL DEFAULT '',
	sent_at		BIGINT,
	read_at		BIGINT,				-- inbox only: NULL = unread
	dedup_key	TEXT UNIQUE,			-- a retried enqueue adds nothing
	CHECK (channel <> 'inbox' OR account_id IS NOT NULL)
);
-- The work set (pending and leased rows) stays small while sent rows pile
-- up, so the drainers' index covers only the work set.
CREATE INDEX outbox_work ON outbox(channel, status, next_attempt_at)
    WHERE status IN ('pending', 'sending');
-- "My messages", newest first; also serves the account foreign key.
CREATE INDEX outbox_account ON outbox(account_id, channel, id);

CREATE VIEW inbox AS
    SELECT id, account_id, created_at, subject, body, payload, read_at
    FROM outbox WHERE channel = 'inbox';
