/*
 * Tests for src/app/interact/letter_state.c: every state x event x party x
 * reason combination against an expectation written out here, so a move
 * added to or dropped from the table is caught; names round-trip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/interact/letter_state.h"

/* Expected target per [state][event] or -1, and who may send it. */
static int
expect(int s, int e, int *by)
{
	static const char *const legal[] = {
		"received assign staff assigned",
		"assigned start staff in_progress",
		"received reply staff replied",
		"assigned reply staff replied",
		"in_progress reply staff replied",
		"received transfer staff received",
		"assigned transfer staff received",
		"in_progress transfer staff received",
		"received return staff received",
		"assigned return staff received",
		"in_progress return staff received",
		"received supplement writer received",
		"assigned supplement writer assigned",
		"in_progress supplement writer in_progress",
		"replied rate writer closed",
		"replied reopen writer in_progress",
		"replied close staff closed",
	};
	char	line[96];
	size_t	i, n;
	enum yw_letter_state to;

	for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
		n = strlen(yw_letter_state_name(s)) + 1 +
		    strlen(yw_letter_event_name(e)) + 1;
		(void)snprintf(line, sizeof(line), "%s %s ",
		    yw_letter_state_name(s), yw_letter_event_name(e));
		if (strncmp(legal[i], line, n) != 0)
			continue;
		*by = strncmp(legal[i] + n, "staff", 5) == 0 ?
		    YW_LETTER_BY_STAFF : YW_LETTER_BY_WRITER;
		assert_int_equal(yw_letter_state_parse(strrchr(legal[i], ' ') +
		    1, &to), YW_OK);
		return (int)to;
	}
	return -1;
}

static void
test_every_move(void **state)
{
	enum yw_letter_state	next;
	int			s, e, p, r, to, by, legal;
	enum yw_err		rc;

	(void)state;
	legal = 0;
	for (s = 0; s < YW_LETTER_NSTATES; s++)
		for (e = 0; e < YW_LETTER_NEVENTS; e++)
			for (p = 0; p < 2; p++)
				for (r = 0; r < 2; r++) {
					by = -1;
					to = expect(s, e, &by);
					next = YW_LETTER_NSTATES;
					rc = yw_letter_next(s, e, p, r, &next);
					if (to < 0) {
						assert_int_equal(rc,
						    YW_ECONFLICT);
						continue;
					}
					if (by != p) {
						assert_int_equal(rc,
						    YW_EFORBIDDEN);
						continue;
					}
					if (!r && yw_letter_event_needs_reason(
					    e)) {
						assert_int_equal(rc, YW_EINVAL);
						continue;
					}
					assert_int_equal(rc, YW_OK);
					assert_int_equal(next, to);
					legal++;
				}
	/* 17 moves; those not needing a reason are legal both ways. */
	assert_int_equal(legal, 17 + 4);
	/* A closed letter takes nothing, from anyone. */
	for (e = 0; e < YW_LETTER_NEVENTS; e++)
		assert_int_equal(yw_letter_next(YW_LETTER_CLOSED, e,
		    YW_LETTER_BY_STAFF, 1, &next), YW_ECONFLICT);
}

static void
test_names_and_open(void **state)
{
	enum yw_letter_state	s;
	enum yw_letter_event	e;
	int			i;

	(void)state;
	for (i = 0; i < YW_LETTER_NSTATES; i++) {
		assert_int_equal(yw_letter_state_parse(yw_letter_state_name(i),
		    &s), YW_OK);
		assert_int_equal(s, i);
	}
	for (i = 0; i < YW_LETTER_NEVENTS; i++) {
		assert_int_equal(yw_letter_event_parse(yw_letter_event_name(i),
		    &e), YW_OK);
		assert_int_equal(e, i);
	}
	assert_int_equal(yw_letter_state_parse("open", &s), YW_EINVAL);
	assert_int_equal(yw_letter_event_parse(NULL, &e), YW_EINVAL);
	assert_null(yw_letter_state_name(YW_LETTER_NSTATES));
	assert_true(yw_letter_open(YW_LETTER_IN_PROGRESS));
	assert_false(yw_letter_open(YW_LETTER_REPLIED));
	assert_false(yw_letter_open(YW_LETTER_CLOSED));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_names_and_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
