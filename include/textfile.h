/* textfile.h - a file's bytes split into lines, shared by every text matcher.
 *
 * Ownership: textfile_new copies nothing: it takes ownership of data (which
 * must be NUL-terminated, len excluding the NUL); textfile_free frees it. */
#ifndef ETSILINT_TEXTFILE_H
#define ETSILINT_TEXTFILE_H

#include <stddef.h>

struct textfile {
	char *data;
	size_t len;
	size_t nlines;
	size_t *off;     /* off[i]: byte offset of line i (0-based); off[nlines] = len */
	int binary;      /* contains a NUL byte */
};

struct textfile *textfile_new(char *data, size_t len);
void textfile_free(struct textfile *tf);
/* Line i (0-based) without its end-of-line (\n or \r\n). */
const char *textfile_line(const struct textfile *tf, size_t i, size_t *len);
/* Map a byte offset to 1-based line and column (column counts bytes). */
void textfile_pos(const struct textfile *tf, size_t offset, unsigned *line, unsigned *col);

#endif
