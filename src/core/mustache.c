/*
 * mustache.c - parse Mustache templates into a flat node tree and render it.
 *
 * Parsing runs in four passes over one template: tokenize (tags and text,
 * text cut after every newline), match open and close tags, mark
 * standalone lines, build nodes. Rendering walks the nodes with the
 * context stack, the indentation and the block overrides all kept as
 * linked lists on the C stack, so a render allocates only output.
 *
 * Indentation follows the spec's "prepend the indentation to each line of
 * the partial": every node that starts a line of its template carries
 * F_BOL, and text emits the current indentation after each inner newline.
 * Blocks of parents are re-indented: their own indentation (ind) is cut
 * from each of their lines ("dedent") and the indentation of the block
 * they replace is added.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mustache.h"

#define SRC_MAX		(1u << 30)
#define DELIM_MAX	32
/* Every render_nodes call nests; 65 expansions times 100 sections could
   otherwise ask for thousands of C frames. Deeper content is skipped. */
#define RENDER_DEPTH_MAX 512
#define DIR_DEPTH_MAX	32
#define EXT		".mustache"

enum kind {
	K_ROOT, K_TEXT, K_INDENT, K_VAR, K_RAW, K_SECTION, K_INVERTED,
	K_PARTIAL, K_PARENT, K_BLOCK,
	K_CLOSE, K_COMMENT, K_DELIM	/* tokens only, never nodes */
};

#define F_BOL		0x01	/* first thing on a line of its template */
#define F_ALONE		0x02	/* standalone tag: its line is not output */
#define F_DYNAMIC	0x04	/* {{>*name}}: the name is looked up in ctx */
#define F_REMOVED	0x08	/* token: whitespace of a standalone line */

/*
 * TEXT: off/len is a span of src. VAR, RAW, SECTION, INVERTED and dynamic
 * PARTIAL/PARENT: off is the first of len NUL-terminated name parts in
 * pool (len 0 is "."). Static PARTIAL, PARENT and BLOCK: off is the name in
 * pool, hash its hash. ind_off/ind_len: a span of src, the indentation of
 * a standalone PARTIAL/PARENT or of a BLOCK.
 */
struct node {
	uint32_t	 next;		/* next sibling; 0 is none */
	uint32_t	 child;		/* first child; 0 is none */
	uint32_t	 off;
	uint32_t	 len;
	uint32_t	 ind_off;
	uint32_t	 ind_len;
	uint32_t	 hash;
	uint8_t		 kind;
	uint8_t		 flags;
};

struct tpl {
	char		*name;
	uint32_t	 hash;
	char		*src;
	char		*pool;
	struct node	*nodes;		/* nodes[0] is the root */
};

struct yw_tpl_set {
	struct tpl	**slots;	/* open addressing, linear probing */
	size_t		 cap;		/* power of two, or 0 */
	size_t		 count;
	size_t		 max_out;
	size_t		 max_steps;
};

struct tok {
	uint32_t	 start;		/* text, or the whole tag */
	uint32_t	 end;
	uint32_t	 name;		/* trimmed tag content */
	uint32_t	 nlen;
	uint32_t	 mate;		/* open <-> close */
	uint32_t	 ind_off;
	uint32_t	 ind_len;
	uint8_t		 kind;
	uint8_t		 flags;
};

struct parser {
	const char		*src;
	size_t			 len;
	const char		*tname;
	struct yw_tpl_error	*err;
	struct tok		*toks;
	size_t			 ntoks, captoks;
	struct node		*nodes;
	size_t			 nnodes, capnodes;
	char			*pool;
	size_t			 npool, cappool;
};

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

static int
is_indent(char c)
{
	return c == ' ' || c == '\t';
}

static enum yw_err
grow(void **p, size_t *cap, size_t need, size_t elsize)
{
	size_t	 ncap;
	void	*np;

	if (need <= *cap)
		return YW_OK;
	ncap = *cap ? *cap : 64;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elsize)
		return YW_ENOMEM;
	np = realloc(*p, ncap * elsize);
	if (np == NULL)
		return YW_ENOMEM;
	*p = np;
	*cap = ncap;
	return YW_OK;
}

static void
set_error(struct yw_tpl_error *err, const char *name, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Names and messages are cut to fit the fixed fields on purpose: an error
   report is for a human and a clipped one is still useful. */
static void
set_error(struct yw_tpl_error *err, const char *name, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->name, sizeof(err->name), "%s", name);
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

static enum yw_err
perr(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum yw_err
perr(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 i;
	int	 line = 1, col = 1;

	if (p->err == NULL)
		return YW_EINVAL;
	for (i = 0; i < off && i < p->len; i++) {
		if (p->src[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)p->src[i] & 0xc0) != 0x80)
			col++;
	}
	set_error(p->err, p->tname, line, col, "%s", "");
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return YW_EINVAL;
}

/* Tag names quoted in messages are clipped so the message stays readable. */
#define QN(p, t) \
	(int)((t)->nlen > 40 ? 40 : (t)->nlen), (p)->src + (t)->name

/* ---- pass 1: tokens ---------------------------------------------------- */

static enum yw_err
push_tok(struct parser *p, struct tok **out)
{
	enum yw_err rc;

	rc = grow((void **)&p->toks, &p->captoks, p->ntoks + 1,
	    sizeof(*p->toks));
	if (rc != YW_OK)
		return rc;
	*out = &p->toks[p->ntoks++];
	memset(*out, 0, sizeof(**out));
	return YW_OK;
}

/* Text becomes one token per line so that lines can be judged alone. */
static enum yw_err
push_text(struct parser *p, size_t a, size_t b)
{
	const char	*nl;
	size_t		 e;
	struct tok	*t;
	enum yw_err	 rc;

	while (a < b) {
		nl = memchr(p->src + a, '\n', b - a);
		e = nl != NULL ? (size_t)(nl - p->src) + 1 : b;
		rc = push_tok(p, &t);
		if (rc != YW_OK)
			return rc;
		t->kind = K_TEXT;
		t->start = (uint32_t)a;
		t->end = (uint32_t)e;
		a = e;
	}
	return YW_OK;
}

static enum yw_err
tag_name(struct parser *p, struct tok *t, size_t a, size_t b)
{
	size_t i;

	while (a < b && is_ws(p->src[a]))
		a++;
	while (b > a && is_ws(p->src[b - 1]))
		b--;
	if (a < b && p->src[a] == '*' && (t->kind == K_PARTIAL ||
	    t->kind == K_PARENT || t->kind == K_CLOSE)) {
		t->flags |= F_DYNAMIC;
		a++;
		while (a < b && is_ws(p->src[a]))
			a++;
	}
	if (a == b)
		return perr(p, t->start, "empty tag");
	for (i = a; i < b; i++) {
		if (is_ws(p->src[i]))
			return perr(p, t->start, "space in tag name");
		if (p->src[i] == '\0')
			return perr(p, t->start, "NUL byte in tag name");
	}
	t->name = (uint32_t)a;
	t->nlen = (uint32_t)(b - a);
	return YW_OK;
}

/* {{=<% %>=}}: content is two delimiters separated by whitespace. */
static enum yw_err
set_delims(struct parser *p, size_t at, size_t a, size_t b, char *otag,
    size_t *olen, char *ctag, size_t *clen)
{
	size_t	 m, c, i;

	while (a < b && is_ws(p->src[a]))
		a++;
	while (b > a && is_ws(p->src[b - 1]))
		b--;
	for (m = a; m < b && !is_ws(p->src[m]); m++)
		continue;
	for (c = m; c < b && is_ws(p->src[c]); c++)
		continue;
	if (m == a || c == b || m - a > DELIM_MAX || b - c > DELIM_MAX)
		return perr(p, at, "bad delimiter change");
	for (i = a; i < b; i++) {
		if (p->src[i] == '=' || p->src[i] == '\0' ||
		    (i >= c && is_ws(p->src[i])))
			return perr(p, at, "bad delimiter change");
	}
	memcpy(otag, p->src + a, m - a);
	*olen = m - a;
	memcpy(ctag, p->src + c, b - c);
	*clen = b - c;
	return YW_OK;
}

/* The character after the opening delimiter picks the tag; '{' and '='
   also need their own character before the closing delimiter. */
static const struct {
	char	sigil;
	uint8_t	kind;
	char	mark;
} sigils[] = {
	{ '{', K_RAW, '}' }, { '&', K_RAW, '\0' }, { '#', K_SECTION, '\0' },
	{ '^', K_INVERTED, '\0' }, { '/', K_CLOSE, '\0' },
	{ '!', K_COMMENT, '\0' }, { '>', K_PARTIAL, '\0' },
	{ '<', K_PARENT, '\0' }, { '$', K_BLOCK, '\0' }, { '=', K_DELIM, '=' },
};

static enum yw_err
tokenize(struct parser *p)
{
	char		 otag[DELIM_MAX], ctag[DELIM_MAX], mark[DELIM_MAX + 1];
	size_t		 olen = 2, clen = 2, mlen, pos = 0, s, c, e, i;
	const char	*o, *f;
	struct tok	*t;
	enum yw_err	 rc;

	memcpy(otag, "{{", 2);
	memcpy(ctag, "}}", 2);
	while (pos < p->len) {
		o = memmem(p->src + pos, p->len - pos, otag, olen);
		s = o != NULL ? (size_t)(o - p->src) : p->len;
		rc = push_text(p, pos, s);
		if (rc != YW_OK || o == NULL)
			return rc;
		c = s + olen;
		if (c >= p->len)
			return perr(p, s, "unclosed tag");
		rc = push_tok(p, &t);
		if (rc != YW_OK)
			return rc;
		t->start = (uint32_t)s;
		mlen = 0;
		t->kind = K_VAR;
		for (i = 0; i < sizeof(sigils) / sizeof(sigils[0]); i++) {
			if (sigils[i].sigil == p->src[c]) {
				t->kind = sigils[i].kind;
				if (sigils[i].mark != '\0')
					mark[mlen++] = sigils[i].mark;
				c++;
				break;
			}
		}
		memcpy(mark + mlen, ctag, clen);
		mlen += clen;
		f = memmem(p->src + c, p->len - c, mark, mlen);
		if (f == NULL)
			return perr(p, s, "unclosed tag");
		e = (size_t)(f - p->src);
		t->end = (uint32_t)(e + mlen);
		pos = e + mlen;
		if (t->kind == K_DELIM)
			rc = set_delims(p, s, c, e, otag, &olen, ctag, &clen);
		else if (t->kind != K_COMMENT)
			rc = tag_name(p, t, c, e);
		if (rc != YW_OK)
			return rc;
	}
	return YW_OK;
}

/* ---- pass 2: pairs ----------------------------------------------------- */

static int
is_open(uint8_t kind)
{
	return kind == K_SECTION || kind == K_INVERTED || kind == K_PARENT ||
	    kind == K_BLOCK;
}

/* A close tag's leading '*' was taken as dynamic; "{{#*x}}" is a plain
   section whose name starts with '*', so compare with the star put back. */
static int
same_name(const struct parser *p, const struct tok *o, const struct tok *c)
{
	const char	*on = p->src + o->name, *cn = p->src + c->name;
	size_t		 olen = o->nlen;

	if (!(o->flags & F_DYNAMIC) && (c->flags & F_DYNAMIC)) {
		if (olen == 0 || *on != '*')
			return 0;
		on++;
		olen--;
	} else if ((o->flags ^ c->flags) & F_DYNAMIC)
		return 0;
	return olen == c->nlen && memcmp(on, cn, olen) == 0;
}

static enum yw_err
match(struct parser *p)
{
	uint32_t	 stack[YW_TPL_MAX_NEST];
	size_t		 depth = 0, k;
	struct tok	*t, *o;

	for (k = 0; k < p->ntoks; k++) {
		t = &p->toks[k];
		if (is_open(t->kind)) {
			if (depth == YW_TPL_MAX_NEST)
				return perr(p, t->start,
				    "sections nested more than %d deep",
				    YW_TPL_MAX_NEST);
			stack[depth++] = (uint32_t)k;
		} else if (t->kind == K_CLOSE) {
			if (depth == 0)
				return perr(p, t->start, "close tag \"%.*s\" "
				    "without an open section", QN(p, t));
			o = &p->toks[stack[--depth]];
			if (!same_name(p, o, t))
				return perr(p, t->start, "close tag \"%.*s\" "
				    "does not match open tag \"%.*s\"",
				    QN(p, t), QN(p, o));
			o->mate = (uint32_t)k;
			t->mate = stack[depth];
		}
	}
	if (depth > 0) {
		o = &p->toks[stack[depth - 1]];
		return perr(p, o->start, "unclosed section \"%.*s\"", QN(p, o));
	}
	return YW_OK;
}

/* ---- pass 3: standalone lines ------------------------------------------ */

static int
ws_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_ws(s[i]))
			return 0;
	}
	return 1;
}

/*
 * A line is standalone when it holds only whitespace and tags that output
 * nothing, of which at most one is not a parent tag: parent tags may share
 * the line because text directly inside a parent is ignored anyway
 * ("{{<layout}}{{$body}}"), while "{{$a}}{{/a}}" keeps its line, as the
 * inheritance spec's standalone tests require.
 */
static void
mark_line(struct parser *p, size_t i, size_t j)
{
	struct tok	*t, *first = &p->toks[i], *last = &p->toks[j - 1];
	size_t		 k, tags = 0, other = 0, nl, w_off, w_len;
	int		 alone = 1;

	for (k = i; k < j && alone; k++) {
		t = &p->toks[k];
		if (t->kind == K_TEXT) {
			alone = ws_only(p->src + t->start, t->end - t->start);
			continue;
		}
		tags++;
		if (t->kind == K_VAR || t->kind == K_RAW)
			alone = 0;
		else if (t->kind != K_PARENT && !(t->kind == K_CLOSE &&
		    p->toks[t->mate].kind == K_PARENT))
			other++;
	}
	alone = alone && tags > 0 && other <= 1;
	w_off = first->start;
	w_len = 0;
	if (first->kind == K_TEXT && i + 1 < j &&
	    ws_only(p->src + first->start, first->end - first->start)) {
		w_len = first->end - first->start;
	}
	nl = last->kind == K_TEXT && p->src[last->end - 1] == '\n' ?
	    last->end : p->len;
	for (k = i; k < j; k++) {
		t = &p->toks[k];
		if (alone) {
			t->flags |= t->kind == K_TEXT ? F_REMOVED : F_ALONE;
			t->ind_off = (uint32_t)w_off;
			t->ind_len = (uint32_t)w_len;
		}
		if (t->kind != K_BLOCK)
			continue;
		/* A standalone block takes the indentation of its first
		   line of content; an inline one that of its own line when
		   only whitespace precedes it. */
		if (alone && nl < p->len) {
			t->ind_off = (uint32_t)nl;
			while (nl < p->len && is_indent(p->src[nl]))
				nl++;
			t->ind_len = (uint32_t)(nl - t->ind_off);
		} else if (!alone) {
			t->ind_off = (uint32_t)w_off;
			t->ind_len = k == i + 1 ? (uint32_t)w_len : 0;
		}
	}
}

static void
standalone(struct parser *p)
{
	size_t		 i = 0, j;
	struct tok	*t;

	while (i < p->ntoks) {
		for (j = i; j < p->ntoks; ) {
			t = &p->toks[j++];
			if (t->kind == K_TEXT && p->src[t->end - 1] == '\n')
				break;
		}
		mark_line(p, i, j);
		i = j;
	}
}

/* ---- pass 4: nodes ----------------------------------------------------- */

static enum yw_err
pool_add(struct parser *p, const char *s, size_t n, uint32_t *off)
{
	enum yw_err rc;

	rc = grow((void **)&p->pool, &p->cappool, p->npool + n + 1, 1);
	if (rc != YW_OK)
		return rc;
	memcpy(p->pool + p->npool, s, n);
	p->pool[p->npool + n] = '\0';
	*off = (uint32_t)p->npool;
	p->npool += n + 1;
	return YW_OK;
}

/* "a.b.c" -> "a\0b\0c\0", len 3; "." -> len 0. */
static enum yw_err
dotted(struct parser *p, const struct tok *t, struct node *n)
{
	const char	*s = p->src + t->name, *e = s + t->nlen, *d;
	uint32_t	 off;
	enum yw_err	 rc;

	n->len = 0;
	if (t->nlen == 1 && *s == '.')
		return YW_OK;
	while (s <= e) {
		d = memchr(s, '.', (size_t)(e - s));
		if (d == NULL)
			d = e;
		if (d == s)
			return perr(p, t->start, "bad name \"%.*s\"", QN(p, t));
		rc = pool_add(p, s, (size_t)(d - s), &off);
		if (rc != YW_OK)
			return rc;
		if (n->len++ == 0)
			n->off = off;
		s = d + 1;
	}
	return YW_OK;
}

static enum yw_err
add_node(struct parser *p, uint32_t parent, uint32_t *tail, uint8_t kind,
    uint32_t *out)
{
	uint32_t	 id = (uint32_t)p->nnodes;
	enum yw_err	 rc;

	rc = grow((void **)&p->nodes, &p->capnodes, p->nnodes + 1,
	    sizeof(*p->nodes));
	if (rc != YW_OK)
		return rc;
	memset(&p->nodes[id], 0, sizeof(p->nodes[id]));
	p->nodes[id].kind = kind;
	p->nnodes++;
	if (*tail != 0)
		p->nodes[*tail].next = id;
	else
		p->nodes[parent].child = id;
	*tail = id;
	*out = id;
	return YW_OK;
}

static enum yw_err
tag_node(struct parser *p, const struct tok *t, struct node *n)
{
	uint32_t	 off;
	enum yw_err	 rc;

	n->ind_off = t->ind_off;
	n->ind_len = t->ind_len;
	if (t->flags & F_ALONE)
		n->flags |= F_ALONE;
	if (t->flags & F_DYNAMIC)
		n->flags |= F_DYNAMIC;
	if (t->kind == K_VAR || t->kind == K_RAW || t->kind == K_SECTION ||
	    t->kind == K_INVERTED || (t->flags & F_DYNAMIC))
		return dotted(p, t, n);
	rc = pool_add(p, p->src + t->name, t->nlen, &off);
	if (rc != YW_OK)
		return rc;
	n->off = off;
	n->len = t->nlen;
	n->hash = hash_str(p->pool + off);
	return YW_OK;
}

static enum yw_err
build(struct parser *p)
{
	uint32_t	 cont[YW_TPL_MAX_NEST + 1], tail[YW_TPL_MAX_NEST + 1];
	uint32_t	 id;
	size_t		 depth = 0, k;
	struct tok	*t;
	struct node	*n;
	int		 pending = 1, bol, nl, in_parent;
	enum yw_err	 rc;

	cont[0] = 0;
	tail[0] = 0;
	rc = grow((void **)&p->nodes, &p->capnodes, 1, sizeof(*p->nodes));
	if (rc != YW_OK)
		return rc;
	memset(&p->nodes[0], 0, sizeof(p->nodes[0]));
	p->nnodes = 1;
	for (k = 0; k < p->ntoks; k++) {
		t = &p->toks[k];
		in_parent = p->nodes[cont[depth]].kind == K_PARENT;
		switch (t->kind) {
		case K_TEXT:
			nl = p->src[t->end - 1] == '\n';
			if (t->flags & F_REMOVED) {
				pending = pending || nl;
				break;
			}
			bol = pending;
			pending = nl;
			if (in_parent)
				break;
			n = tail[depth] ? &p->nodes[tail[depth]] : NULL;
			if (n != NULL && n->kind == K_TEXT &&
			    n->off + n->len == t->start) {
				n->len += t->end - t->start;
				break;
			}
			rc = add_node(p, cont[depth], &tail[depth], K_TEXT,
			    &id);
			if (rc != YW_OK)
				return rc;
			n = &p->nodes[id];
			n->off = t->start;
			n->len = t->end - t->start;
			n->flags = bol ? F_BOL : 0;
			break;
		case K_COMMENT:
		case K_DELIM:
			break;
		case K_CLOSE:
			/* The indentation of "  {{/x}} tail" belongs to the
			   last line of x's content. */
			if (!(t->flags & F_ALONE) && pending && !in_parent) {
				rc = add_node(p, cont[depth], &tail[depth],
				    K_INDENT, &id);
				if (rc != YW_OK)
					return rc;
			}
			if (!(t->flags & F_ALONE))
				pending = 0;
			depth--;
			break;
		default:
			rc = add_node(p, cont[depth], &tail[depth], t->kind,
			    &id);
			if (rc == YW_OK)
				rc = tag_node(p, t, &p->nodes[id]);
			if (rc != YW_OK)
				return rc;
			if (!(t->flags & F_ALONE)) {
				if (pending)
					p->nodes[id].flags |= F_BOL;
				pending = 0;
			}
			if (is_open(t->kind)) {
				depth++;
				cont[depth] = id;
				tail[depth] = 0;
			}
			break;
		}
	}
	return YW_OK;
}

/* ---- the set ----------------------------------------------------------- */

static void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->src);
	free(t->pool);
	free(t->nodes);
	free(t);
}

static struct tpl *
set_find(const struct yw_tpl_set *set, const char *name, uint32_t h)
{
	size_t		 i;
	struct tpl	*t;

	if (set->cap == 0)
		return NULL;
	for (i = h & (set->cap - 1); ; i = (i + 1) & (set->cap - 1)) {
		t = set->slots[i];
		if (t == NULL)
			return NULL;
		if (t->hash == h && strcmp(t->name, name) == 0)
			return t;
	}
}

/* Takes ownership of t. */
static enum yw_err
set_put(struct yw_tpl_set *set, struct tpl *t)
{
	struct tpl	**ns, *o;
	size_t		  ncap, i, k;

	if ((set->count + 1) * 2 > set->cap) {
		ncap = set->cap ? set->cap * 2 : 32;
		ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return YW_ENOMEM;
		for (k = 0; k < set->cap; k++) {
			o = set->slots[k];
			if (o == NULL)
				continue;
			for (i = o->hash & (ncap - 1); ns[i] != NULL;
			    i = (i + 1) & (ncap - 1))
				continue;
			ns[i] = o;
		}
		free(set->slots);
		set->slots = ns;
		set->cap = ncap;
	}
	for (i = t->hash & (set->cap - 1); set->slots[i] != NULL;
	    i = (i + 1) & (set->cap - 1)) {
		o = set->slots[i];
		if (o->hash == t->hash && strcmp(o->name, t->name) == 0) {
			tpl_free(o);
			set->slots[i] = t;
			return YW_OK;
		}
	}
	set->slots[i] = t;
	set->count++;
	return YW_OK;
}

enum yw_err
yw_tpl_set_create(struct yw_tpl_set **out)
{
	struct yw_tpl_set *set;

	*out = NULL;
	set = calloc(1, sizeof(*set));
	if (set == NULL)
		return YW_ENOMEM;
	set->max_out = (size_t)64 << 20;
	set->max_steps = 50000000;
	*out = set;
	return YW_OK;
}

void
yw_tpl_set_destroy(struct yw_tpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		tpl_free(set->slots[i]);
	free(set->slots);
	free(set);
}

void
yw_tpl_set_limits(struct yw_tpl_set *set, size_t max_out, size_t max_steps)
{
	if (max_out != 0)
		set->max_out = max_out;
	if (max_steps != 0)
		set->max_steps = max_steps;
}

int
yw_tpl_set_has(const struct yw_tpl_set *set, const char *name)
{
	return set_find(set, name, hash_str(name)) != NULL;
}

enum yw_err
yw_tpl_set_add(struct yw_tpl_set *set, const char *name, const char *src,
    size_t len, struct yw_tpl_error *err)
{
	struct parser	 p;
	struct tpl	*t;
	enum yw_err	 rc;

	memset(&p, 0, sizeof(p));
	if (len > SRC_MAX) {
		set_error(err, name, 0, 0, "template over %u bytes", SRC_MAX);
		return YW_ETOOBIG;
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return YW_ENOMEM;
	rc = YW_ENOMEM;
	t->name = strdup(name);
	t->src = malloc(len + 1);
	if (t->name == NULL || t->src == NULL)
		goto out;
	if (len > 0)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->hash = hash_str(name);
	p.src = t->src;
	p.len = len;
	p.tname = name;
	p.err = err;
	rc = tokenize(&p);
	if (rc == YW_OK)
		rc = match(&p);
	if (rc != YW_OK)
		goto out;
	standalone(&p);
	rc = build(&p);
	if (rc != YW_OK)
		goto out;
	t->nodes = p.nodes;
	t->pool = p.pool;
	p.nodes = NULL;
	p.pool = NULL;
	rc = set_put(set, t);
	if (rc == YW_OK)
		t = NULL;
out:
	if (rc == YW_ENOMEM)
		set_error(err, name, 0, 0, "out of memory");
	free(p.toks);
	free(p.nodes);
	free(p.pool);
	tpl_free(t);
	return rc;
}

/* ---- loading a directory ------------------------------------------------ */

/* *eno gets the errno of an I/O failure, before cleanup can change it. */
static enum yw_err
read_file(const char *path, char **data, size_t *len, int *eno)
{
	struct stat	 sb;
	char		*b = NULL;
	size_t		 n = 0;
	ssize_t		 r;
	int		 fd;
	enum yw_err	 rc = YW_EIO;

	*eno = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*eno = errno;
		return YW_EIO;
	}
	if (fstat(fd, &sb) == -1) {
		*eno = errno;
		goto out;
	}
	if (sb.st_size < 0 || (uint64_t)sb.st_size > SRC_MAX) {
		*eno = EFBIG;
		goto out;
	}
	b = malloc((size_t)sb.st_size + 1);
	if (b == NULL) {
		rc = YW_ENOMEM;
		goto out;
	}
	while (n < (size_t)sb.st_size) {
		r = read(fd, b + n, (size_t)sb.st_size - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			/* A file that shrank under us reads short. */
			*eno = r == 0 ? EIO : errno;
			goto out;
		}
		n += (size_t)r;
	}
	*data = b;
	*len = n;
	b = NULL;
	rc = YW_OK;
out:
	free(b);
	close(fd);
	return rc;
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* path holds the directory; root is the length of the top directory. */
static enum yw_err
load_tree(struct yw_tpl_set *set, char *path, size_t plen, size_t root,
    int depth, struct yw_tpl_error *err)
{
	struct dirent	**list = NULL;
	struct stat	  sb;
	char		 *data, *rel;
	size_t		  len, nlen;
	int		  n, i, w, eno;
	enum yw_err	  rc = YW_OK;

	n = scandir(path, &list, visible, alphasort);
	if (n < 0) {
		set_error(err, path, 0, 0, "cannot read directory: %s",
		    strerror(errno));
		return YW_EIO;
	}
	for (i = 0; i < n && rc == YW_OK; i++) {
		w = snprintf(path + plen, PATH_MAX - plen, "/%s",
		    list[i]->d_name);
		rel = path + root + 1;
		if (w < 0 || (size_t)w >= PATH_MAX - plen) {
			set_error(err, path, 0, 0, "path too long");
			rc = YW_ETOOBIG;
			break;
		}
		if (stat(path, &sb) == -1) {
			set_error(err, rel, 0, 0, "cannot stat: %s",
			    strerror(errno));
			rc = YW_EIO;
		} else if (S_ISDIR(sb.st_mode)) {
			if (depth >= DIR_DEPTH_MAX) {
				set_error(err, rel, 0, 0, "directories nested "
				    "too deep");
				rc = YW_ETOOBIG;
			} else
				rc = load_tree(set, path, plen + (size_t)w,
				    root, depth + 1, err);
		} else if (S_ISREG(sb.st_mode) && (nlen = strlen(rel)) >
		    strlen(EXT) && strcmp(rel + nlen - strlen(EXT), EXT) == 0) {
			data = NULL;
			rc = read_file(path, &data, &len, &eno);
			if (rc == YW_EIO)
				set_error(err, rel, 0, 0, "cannot read: %s",
				    strerror(eno));
			else if (rc == YW_ENOMEM)
				set_error(err, rel, 0, 0, "out of memory");
			if (rc == YW_OK) {
				rel[nlen - strlen(EXT)] = '\0';
				rc = yw_tpl_set_add(set, rel, data, len, err);
			}
			free(data);
		}
		path[plen] = '\0';
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return rc;
}

enum yw_err
yw_tpl_set_load_dir(struct yw_tpl_set *set, const char *dir,
    struct yw_tpl_error *err)
{
	char	path[PATH_MAX];
	size_t	len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len >= sizeof(path)) {
		set_error(err, dir, 0, 0, "path too long");
		return YW_ETOOBIG;
	}
	memcpy(path, dir, len);
	path[len] = '\0';
	return load_tree(set, path, len, len, 0, err);
}

/* ---- rendering ---------------------------------------------------------- */

struct frame {			/* the context stack */
	const json_t		*v;
	const struct frame	*up;
};

struct indent {			/* indentation, outermost last */
	const struct indent	*up;
	const char		*s;
	size_t			 n;
	size_t			 total;
};

struct ovr {			/* parents being expanded, innermost first */
	const struct ovr	*up;
	const struct tpl	*t;
	uint32_t		 node;
};

struct scope {			/* one template, partial or block body */
	const struct tpl	*t;
	const struct indent	*ind;
	size_t			 dedent;
	const struct ovr	*ovr;
	int			 expand;
};

struct rstate {
	const struct yw_tpl_set	*set;
	struct yw_buf		*out;
	size_t			 start;
	size_t			 steps;
	size_t			 nobol_at;	/* no indentation at this len */
	int			 depth;
};

static enum yw_err render_nodes(struct rstate *, const struct scope *,
    uint32_t, const struct frame *);

static const json_t *
resolve(const struct frame *f, const struct tpl *t, const struct node *n)
{
	const char	*s;
	const json_t	*v = NULL;
	uint32_t	 i;

	/* "." may be the only name, and then there is no pool. */
	if (n->len == 0)
		return f->v;
	s = t->pool + n->off;
	for (; f != NULL; f = f->up) {
		if (json_is_object(f->v)) {
			v = json_object_get(f->v, s);
			if (v != NULL)
				break;
		}
	}
	for (i = 1; i < n->len && v != NULL; i++) {
		s += strlen(s) + 1;
		v = json_is_object(v) ? json_object_get(v, s) : NULL;
	}
	return v;
}

static int
truthy(const json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return 0;
	return !json_is_array(v) || json_array_size(v) > 0;
}

static enum yw_err
emit_indent(struct rstate *st, const struct scope *sc)
{
	const struct indent	*c = sc->ind;
	struct yw_buf		*b = st->out;
	char			*p;
	enum yw_err		 rc;

	if (c == NULL || b->len == st->nobol_at)
		return YW_OK;
	rc = yw_buf_reserve(b, c->total);
	if (rc != YW_OK)
		return rc;
	p = b->data + b->len + c->total;
	for (; c != NULL; c = c->up) {
		p -= c->n;
		memcpy(p, c->s, c->n);
	}
	b->len += sc->ind->total;
	b->data[b->len] = '\0';
	return YW_OK;
}

static void
push_indent(struct indent *in, const struct scope *sc, const char *s,
    size_t n, const struct indent **out)
{
	size_t cut = sc->dedent < n ? sc->dedent : n;

	*out = sc->ind;
	if (n == cut)
		return;
	in->up = sc->ind;
	in->s = s + cut;
	in->n = n - cut;
	in->total = in->n + (sc->ind != NULL ? sc->ind->total : 0);
	*out = in;
}

static enum yw_err
emit_text(struct rstate *st, const struct scope *sc, const struct node *n)
{
	const char	*s = sc->t->src + n->off, *nl;
	size_t		 len = n->len, i = 0, e, k;
	int		 bol = n->flags & F_BOL;
	enum yw_err	 rc;

	if (sc->ind == NULL && sc->dedent == 0)
		return yw_buf_append(st->out, s, len);
	while (i < len) {
		if (bol) {
			for (k = 0; k < sc->dedent && i < len &&
			    is_indent(s[i]); k++)
				i++;
			/* Empty lines get no trailing indentation. */
			if (i == len || (s[i] != '\n' && !(s[i] == '\r' &&
			    i + 1 < len && s[i + 1] == '\n'))) {
				rc = emit_indent(st, sc);
				if (rc != YW_OK)
					return rc;
			}
		}
		nl = memchr(s + i, '\n', len - i);
		e = nl != NULL ? (size_t)(nl - s) + 1 : len;
		rc = yw_buf_append(st->out, s + i, e - i);
		if (rc != YW_OK)
			return rc;
		i = e;
		bol = 1;
	}
	return YW_OK;
}

/* Shortest of %.15g..%.17g that reads back as the same double. */
static enum yw_err
emit_real(struct yw_buf *b, double d)
{
	char	tmp[40];
	int	prec, w = -1;

	for (prec = 15; prec <= 17; prec++) {
		w = snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (w < 0 || (size_t)w >= sizeof(tmp))
			return YW_EINTERNAL;
		if (strtod(tmp, NULL) == d)
			break;
	}
	return yw_buf_append(b, tmp, (size_t)w);
}

static enum yw_err
interpolate(struct yw_buf *b, const json_t *v, int escape)
{
	char	tmp[32];
	int	w;

	switch (v != NULL ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		if (escape)
			return yw_buf_append_html(b, json_string_value(v),
			    json_string_length(v));
		return yw_buf_append(b, json_string_value(v),
		    json_string_length(v));
	case JSON_INTEGER:
		w = snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		if (w < 0 || (size_t)w >= sizeof(tmp))
			return YW_EINTERNAL;
		return yw_buf_append(b, tmp, (size_t)w);
	case JSON_REAL:
		return emit_real(b, json_real_value(v));
	case JSON_TRUE:
		return yw_buf_append(b, "true", 4);
	case JSON_FALSE:
		return yw_buf_append(b, "false", 5);
	default:
		return YW_OK;
	}
}

static enum yw_err
section(struct rstate *st, const struct scope *sc, const struct node *n,
    const struct frame *ctx)
{
	const json_t	*v = resolve(ctx, sc->t, n);
	struct frame	 f;
	size_t		 i;
	enum yw_err	 rc = YW_OK;

	if (n->kind == K_INVERTED)
		return truthy(v) ? YW_OK : render_nodes(st, sc, n->child, ctx);
	if (!truthy(v))
		return YW_OK;
	f.up = ctx;
	if (!json_is_array(v)) {
		f.v = v;
		return render_nodes(st, sc, n->child, &f);
	}
	for (i = 0; i < json_array_size(v) && rc == YW_OK; i++) {
		f.v = json_array_get(v, i);
		rc = render_nodes(st, sc, n->child, &f);
	}
	return rc;
}

/* {{>name}} and {{<name}}...{{/name}}: render another template here. */
static enum yw_err
expand(struct rstate *st, const struct scope *sc, const struct node *n,
    const struct frame *ctx)
{
	const struct tpl	*t;
	const json_t		*v;
	struct indent		 in;
	struct ovr		 ov;
	struct scope		 s2;

	if (sc->expand >= YW_TPL_MAX_EXPAND)
		return YW_OK;
	if (n->flags & F_DYNAMIC) {
		v = resolve(ctx, sc->t, n);
		if (!json_is_string(v))
			return YW_OK;
		t = set_find(st->set, json_string_value(v),
		    hash_str(json_string_value(v)));
	} else
		t = set_find(st->set, sc->t->pool + n->off, n->hash);
	if (t == NULL)
		return YW_OK;
	s2.t = t;
	s2.ind = NULL;
	s2.dedent = 0;
	s2.ovr = sc->ovr;
	s2.expand = sc->expand + 1;
	if (n->flags & F_ALONE)
		push_indent(&in, sc, sc->t->src + n->ind_off, n->ind_len,
		    &s2.ind);
	if (n->kind == K_PARENT) {
		ov.up = sc->ovr;
		ov.t = sc->t;
		ov.node = (uint32_t)(n - sc->t->nodes);
		s2.ovr = &ov;
	}
	return render_nodes(st, &s2, t->nodes[0].child, ctx);
}

/* The outermost parent's argument wins ("top-level substitutions take
   precedence"), so walk the whole chain and keep the last match. */
static const struct node *
find_block(const struct ovr *o, const char *name, uint32_t h,
    const struct tpl **tp)
{
	const struct node	*found = NULL, *c;
	uint32_t		 i;

	for (; o != NULL; o = o->up) {
		for (i = o->t->nodes[o->node].child; i != 0; i = c->next) {
			c = &o->t->nodes[i];
			if (c->kind == K_BLOCK && c->hash == h &&
			    strcmp(o->t->pool + c->off, name) == 0) {
				found = c;
				*tp = o->t;
				break;
			}
		}
	}
	return found;
}

static enum yw_err
block(struct rstate *st, const struct scope *sc, const struct node *n,
    const struct frame *ctx)
{
	const struct node	*arg;
	struct indent		 in;
	struct scope		 s2;
	size_t			 saved;
	enum yw_err		 rc;

	arg = find_block(sc->ovr, sc->t->pool + n->off, n->hash, &s2.t);
	if (arg == NULL)
		return render_nodes(st, sc, n->child, ctx);
	if (sc->expand >= YW_TPL_MAX_EXPAND)
		return YW_OK;
	s2.dedent = arg->ind_len;
	s2.ovr = sc->ovr;
	s2.expand = sc->expand + 1;
	push_indent(&in, sc, sc->t->src + n->ind_off, n->ind_len, &s2.ind);
	if (n->flags & F_ALONE) {
		if (arg->child != 0 &&
		    !(s2.t->nodes[arg->child].flags & F_BOL)) {
			rc = emit_indent(st, &s2);
			if (rc != YW_OK)
				return rc;
		}
		return render_nodes(st, &s2, arg->child, ctx);
	}
	/* Inline: the text before the tag already indents the first line. */
	saved = st->nobol_at;
	st->nobol_at = st->out->len;
	rc = render_nodes(st, &s2, arg->child, ctx);
	st->nobol_at = saved;
	return rc;
}

static enum yw_err
render_node(struct rstate *st, const struct scope *sc, const struct node *n,
    const struct frame *ctx)
{
	enum yw_err rc;

	if (++st->steps > st->set->max_steps ||
	    st->out->len - st->start > st->set->max_out)
		return YW_ETOOBIG;
	if ((n->flags & F_BOL) && n->kind != K_TEXT) {
		rc = emit_indent(st, sc);
		if (rc != YW_OK)
			return rc;
	}
	switch (n->kind) {
	case K_TEXT:
		return emit_text(st, sc, n);
	case K_INDENT:
		return emit_indent(st, sc);
	case K_VAR:
	case K_RAW:
		return interpolate(st->out, resolve(ctx, sc->t, n),
		    n->kind == K_VAR);
	case K_SECTION:
	case K_INVERTED:
		return section(st, sc, n, ctx);
	case K_PARTIAL:
	case K_PARENT:
		return expand(st, sc, n, ctx);
	case K_BLOCK:
		return block(st, sc, n, ctx);
	default:
		return YW_EINTERNAL;
	}
}

static enum yw_err
render_nodes(struct rstate *st, const struct scope *sc, uint32_t first,
    const struct frame *ctx)
{
	uint32_t	 i;
	enum yw_err	 rc = YW_OK;

	if (st->depth >= RENDER_DEPTH_MAX)
		return YW_OK;
	st->depth++;
	for (i = first; i != 0 && rc == YW_OK; i = sc->t->nodes[i].next)
		rc = render_node(st, sc, &sc->t->nodes[i], ctx);
	st->depth--;
	return rc;
}

enum yw_err
yw_tpl_render(const struct yw_tpl_set *set, const char *name, json_t *ctx,
    struct yw_buf *out)
{
	const struct tpl	*t;
	struct rstate		 st;
	struct scope		 sc;
	struct frame		 root;
	enum yw_err		 rc;

	t = set_find(set, name, hash_str(name));
	if (t == NULL)
		return YW_ENOTFOUND;
	st.set = set;
	st.out = out;
	st.start = out->len;
	st.steps = 0;
	st.nobol_at = SIZE_MAX;
	st.depth = 0;
	sc.t = t;
	sc.ind = NULL;
	sc.dedent = 0;
	sc.ovr = NULL;
	sc.expand = 0;
	root.v = ctx;
	root.up = NULL;
	rc = render_nodes(&st, &sc, t->nodes[0].child, &root);
	if (rc != YW_OK) {
		out->len = st.start;
		if (out->data != NULL)
			out->data[out->len] = '\0';
	}
	return rc;
}
