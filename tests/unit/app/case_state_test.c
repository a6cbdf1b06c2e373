/*
 * The case life cycle: every legal move works, every other combination of
 * state, event and party is refused with the right code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/service/case_state.h"

#define S(x)	YW_CASE_##x
#define E(x)	YW_CASE_EV_##x
#define H	YW_CASE_BY_HANDLER
#define A	YW_CASE_BY_APPLICANT

/* Written out independently of the module's table, from the issue text. */
static const struct {
	enum yw_case_state	from;
	enum yw_case_event	ev;
	enum yw_case_party	by;
	enum yw_case_state	to;
} legal[] = {
	{ S(SUBMITTED), E(ACCEPT), H, S(ACCEPTED) },
	{ S(SUBMITTED), E(REFUSE), H, S(REFUSED) },
	{ S(SUBMITTED), E(WITHDRAW), A, S(WITHDRAWN) },
	{ S(ACCEPTED), E(REVIEW), H, S(UNDER_REVIEW) },
	{ S(ACCEPTED), E(REQUEST_SUPPLEMENT), H, S(SUPPLEMENT) },
	{ S(UNDER_REVIEW), E(REQUEST_SUPPLEMENT), H, S(SUPPLEMENT) },
	{ S(UNDER_REVIEW), E(APPROVE), H, S(APPROVED) },
	{ S(UNDER_REVIEW), E(DENY), H, S(DENIED) },
	{ S(SUPPLEMENT), E(SUPPLEMENT), A, S(UNDER_REVIEW) },
	{ S(SUPPLEMENT), E(WITHDRAW), A, S(WITHDRAWN) },
	{ S(APPROVED), E(COMPLETE), H, S(COMPLETED) },
	{ S(DENIED), E(COMPLETE), H, S(COMPLETED) },
};

static int
find(enum yw_case_state s, enum yw_case_event e, int *by)
{
	size_t i;

	for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
		if (legal[i].from == s && legal[i].ev == e) {
			*by = (int)legal[i].by;
			return (int)i;
		}
	}
	return -1;
}

static void
test_every_combination(void **state)
{
	enum yw_case_state	s, next;
	enum yw_case_event	e;
	int			p, by, i, legal_moves;

	(void)state;
	legal_moves = 0;
	for (s = 0; s < YW_CASE_NSTATES; s++)
	for (e = 0; e < YW_CASE_NEVENTS; e++)
	for (p = 0; p <= 1; p++) {
		i = find(s, e, &by);
		next = YW_CASE_NSTATES;
		if (i < 0) {
			assert_int_equal(yw_case_next(s, e, p, 1, &next),
			    YW_ECONFLICT);
			assert_int_equal(next, YW_CASE_NSTATES);
		} else if (by != p) {
			assert_int_equal(yw_case_next(s, e, p, 1, &next),
			    YW_EFORBIDDEN);
		} else {
			assert_int_equal(yw_case_next(s, e, p, 1, &next),
			    YW_OK);
			assert_int_equal(next, legal[i].to);
			legal_moves++;
		}
	}
	assert_int_equal(legal_moves, (int)(sizeof(legal) / sizeof(legal[0])));
}

static void
test_reasons_required(void **state)
{
	enum yw_case_state next;

	(void)state;
	assert_int_equal(yw_case_next(S(SUBMITTED), E(REFUSE), H, 0, &next),
	    YW_EINVAL);
	assert_int_equal(yw_case_next(S(UNDER_REVIEW), E(DENY), H, 0, &next),
	    YW_EINVAL);
	assert_int_equal(yw_case_next(S(ACCEPTED), E(REQUEST_SUPPLEMENT), H, 0,
	    &next), YW_EINVAL);
	assert_int_equal(yw_case_next(S(SUBMITTED), E(ACCEPT), H, 0, &next),
	    YW_OK);
	assert_int_equal(yw_case_next(S(UNDER_REVIEW), E(APPROVE), H, 0,
	    &next), YW_OK);
}

static void
test_terminal_states_have_no_way_out(void **state)
{
	enum yw_case_state	s, next;
	enum yw_case_event	e;
	int			p;

	(void)state;
	for (s = 0; s < YW_CASE_NSTATES; s++) {
		if (!yw_case_terminal(s))
			continue;
		for (e = 0; e < YW_CASE_NEVENTS; e++)
			for (p = 0; p <= 1; p++)
				assert_int_equal(yw_case_next(s, e, p, 1,
				    &next), YW_ECONFLICT);
	}
	assert_true(yw_case_terminal(S(COMPLETED)));
	assert_true(yw_case_terminal(S(REFUSED)));
	assert_true(yw_case_terminal(S(WITHDRAWN)));
	assert_false(yw_case_terminal(S(APPROVED)));
}

static void
test_clock(void **state)
{
	(void)state;
	assert_false(yw_case_clock_runs(S(SUBMITTED)));
	assert_true(yw_case_clock_runs(S(ACCEPTED)));
	assert_true(yw_case_clock_runs(S(UNDER_REVIEW)));
	assert_false(yw_case_clock_runs(S(SUPPLEMENT)));
	assert_false(yw_case_clock_runs(S(APPROVED)));
	assert_false(yw_case_clock_runs(S(COMPLETED)));
}

static void
test_names_round_trip(void **state)
{
	enum yw_case_state	s, got;
	enum yw_case_event	e, gote;

	(void)state;
	for (s = 0; s < YW_CASE_NSTATES; s++) {
		assert_non_null(yw_case_state_name(s));
		assert_int_equal(yw_case_state_parse(yw_case_state_name(s),
		    &got), YW_OK);
		assert_int_equal(got, s);
	}
	for (e = 0; e < YW_CASE_NEVENTS; e++) {
		assert_int_equal(yw_case_event_parse(yw_case_event_name(e),
		    &gote), YW_OK);
		assert_int_equal(gote, e);
	}
	assert_null(yw_case_state_name(YW_CASE_NSTATES));
	assert_int_equal(yw_case_state_parse("approved ", &got), YW_EINVAL);
	assert_int_equal(yw_case_event_parse("", &gote), YW_EINVAL);
	assert_string_equal(yw_case_state_name(S(SUPPLEMENT)),
	    "supplement_requested");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_reasons_required),
		cmocka_unit_test(test_terminal_states_have_no_way_out),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
