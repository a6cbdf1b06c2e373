/*
 * demo_letters.h - the interaction module of the demo city: staff of the
 * letters and visits bureau (信访局, the supervising office) and the
 * justice bureau (司法局, legal aid), routing rows, a responsible officer
 * for each routed channel, and a few hundred letters in every channel and
 * state, among them overdue ones and published replies with phone numbers
 * to show the masking. Idempotent: nothing is added twice.
 */
#ifndef YW_DEMO_LETTERS_H
#define YW_DEMO_LETTERS_H

#include <stdio.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/db.h"

/* Loads the letters as a (borrowed, a platform administrator) after the
 * departments, staff, calendar and the demo citizen; prints what it did
 * to log (may be NULL). pwhash: the staff password hash buffer of
 * yw_demo_staff_hash (borrowed). */
enum yw_err	yw_demo_letters(struct yw_db *db, const struct yw_actor *a,
		    char *pwhash, FILE *log);

/* Print the accounts it adds as rows of yw_demo_accounts' table: its
 * staff (the staff password), its citizens (password, the demo
 * citizen's). */
void		yw_demo_letters_staff(FILE *out);
void		yw_demo_letters_citizens(FILE *out, const char *password);

#endif
