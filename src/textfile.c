/* textfile.c - a file's bytes split into lines.
 *
 * Line i spans [off[i], off[i+1]) and includes its end-of-line; a final line
 * without a newline is a line, a trailing newline does not start one (so an
 * empty file has no lines). A UTF-8 byte-order mark at the start belongs to
 * no line: off[0] is 3 then, and columns of line 1 count from after it. */
#include "textfile.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t bom_len(const char *data, size_t len)
{
	if (len >= 3 && (unsigned char)data[0] == 0xef && (unsigned char)data[1] == 0xbb &&
	    (unsigned char)data[2] == 0xbf)
		return 3;
	return 0;
}

struct textfile *textfile_new(char *data, size_t len)
{
	struct textfile *tf = xcalloc(1, sizeof *tf);
	if (!data) {
		data = xstrdup("");
		len = 0;
	}
	tf->data = data;
	tf->len = len;
	tf->binary = memchr(data, '\0', len) != NULL;

	size_t start = bom_len(data, len);
	size_t n = 0;
	for (const char *p = data + start, *end = data + len;
	     p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	if (len > start && data[len - 1] != '\n')
		n++;

	tf->nlines = n;
	tf->off = xmalloc((n + 1) * sizeof *tf->off);
	size_t i = 0, pos = start;
	while (i < n) {
		tf->off[i++] = pos;
		const char *nl = memchr(data + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - data) + 1 : len;
	}
	tf->off[n] = len;
	return tf;
}

void textfile_free(struct textfile *tf)
{
	if (!tf)
		return;
	free(tf->data);
	free(tf->off);
	free(tf);
}

const char *textfile_line(const struct textfile *tf, size_t i, size_t *len)
{
	if (i >= tf->nlines) {
		*len = 0;
		return tf->data + tf->len;
	}
	const char *s = tf->data + tf->off[i];
	size_t n = tf->off[i + 1] - tf->off[i];
	if (n > 0 && s[n - 1] == '\n') {
		n--;
		if (n > 0 && s[n - 1] == '\r')
			n--;
	}
	*len = n;
	return s;
}

void textfile_pos(const struct textfile *tf, size_t offset, unsigned *line, unsigned *col)
{
	if (tf->nlines == 0) {
		*line = 1;
		*col = 1;
		return;
	}
	if (offset < tf->off[0])
		offset = tf->off[0];
	if (offset >= tf->len) {
		/* Past the end: just after a final newline starts a new line. */
		if (tf->len > 0 && tf->data[tf->len - 1] == '\n') {
			*line = (unsigned)tf->nlines + 1;
			*col = 1;
			return;
		}
		offset = tf->len;
	}
	/* Last line whose start is <= offset. */
	size_t lo = 0, hi = tf->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tf->off[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = (unsigned)(offset - tf->off[lo]) + 1;
}
