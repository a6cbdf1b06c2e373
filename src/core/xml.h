/*
 * xml.h - XML output for standards that define an XML form next to a JSON
 * one (Open311 GeoReport v2): a JSON value written as XML by the Spark
 * convention, and XML 1.0 character data escaping. Writes only; the
 * project parses no XML. Needs core/buf, core/utf8 and jansson.
 */
#ifndef YW_XML_H
#define YW_XML_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* How the items of a list are named: {"services", "service"}. */
struct yw_xml_names {
	const char	*list;
	const char	*item;
};

/*
 * Appends s[0..n) as character data: & < > " ' escaped; code points XML
 * 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
 * left out; ill-formed UTF-8 replaced by U+FFFD. YW_ENOMEM when b cannot
 * grow.
 */
enum yw_err	yw_xml_text(struct yw_buf *b, const char *s, size_t n);

/*
 * Appends the XML declaration (UTF-8) and v (borrowed) as element root:
 * an object's members become child elements in their order, an array's
 * entries child elements named by the names entry (NULL-terminated table,
 * borrowed) whose list is the array's own element name ("item" when none
 * is), strings as text, integers and reals as numbers (reals to 12
 * significant digits), true and false as words, null as an empty element.
 * YW_EINVAL when a member name is not a plain XML name.
 */
enum yw_err	yw_xml_from_json(struct yw_buf *b, const char *root,
		    json_t *v, const struct yw_xml_names *names);

#endif
