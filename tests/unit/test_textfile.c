/* test_textfile.c - line tables: LF, CRLF, no final newline, empty, NUL, BOM. */
#include "testutil.h"

#include "textfile.h"
#include "util.h"

static struct textfile *tf_from(const char *s, size_t len)
{
	return textfile_new(xstrndup(s, len), len);
}

static void assert_line(const struct textfile *tf, size_t i, const char *want)
{
	size_t len;
	const char *s = textfile_line(tf, i, &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

static void assert_pos(const struct textfile *tf, size_t off, unsigned line, unsigned col)
{
	unsigned l = 0, c = 0;
	textfile_pos(tf, off, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void test_lf(void **state)
{
	(void)state;
	const char s[] = "one\ntwo\n\nfour\n";
	struct textfile *tf = tf_from(s, sizeof s - 1);
	assert_int_equal(tf->nlines, 4);
	assert_false(tf->binary);
	assert_line(tf, 0, "one");
	assert_line(tf, 1, "two");
	assert_line(tf, 2, "");
	assert_line(tf, 3, "four");
	assert_int_equal(tf->off[0], 0);
	assert_int_equal(tf->off[1], 4);
	assert_int_equal(tf->off[4], tf->len);
	assert_pos(tf, 0, 1, 1);
	assert_pos(tf, 2, 1, 3);
	assert_pos(tf, 3, 1, 4); /* the newline itself */
	assert_pos(tf, 4, 2, 1);
	assert_pos(tf, 8, 3, 1);
	assert_pos(tf, 11, 4, 3);
	assert_pos(tf, tf->len, 5, 1); /* just past a final newline */
	textfile_free(tf);
}

static void test_crlf(void **state)
{
	(void)state;
	const char s[] = "a=1\r\nbb=2\r\n\r\nc";
	struct textfile *tf = tf_from(s, sizeof s - 1);
	assert_int_equal(tf->nlines, 4);
	assert_line(tf, 0, "a=1");
	assert_line(tf, 1, "bb=2");
	assert_line(tf, 2, "");
	assert_line(tf, 3, "c");
	assert_pos(tf, 5, 2, 1);
	assert_pos(tf, 8, 2, 4);
	assert_pos(tf, 13, 4, 1);
	textfile_free(tf);
}

static void test_no_final_newline(void **state)
{
	(void)state;
	const char s[] = "first\nlast";
	struct textfile *tf = tf_from(s, sizeof s - 1);
	assert_int_equal(tf->nlines, 2);
	assert_line(tf, 1, "last");
	assert_int_equal(tf->off[2], tf->len);
	assert_pos(tf, 9, 2, 4);
	assert_pos(tf, tf->len, 2, 5); /* end of the last line */
	textfile_free(tf);

	tf = tf_from("x", 1);
	assert_int_equal(tf->nlines, 1);
	assert_line(tf, 0, "x");
	textfile_free(tf);
}

static void test_empty(void **state)
{
	(void)state;
	struct textfile *tf = tf_from("", 0);
	assert_int_equal(tf->nlines, 0);
	assert_false(tf->binary);
	assert_int_equal(tf->off[0], 0);
	assert_pos(tf, 0, 1, 1);
	size_t len = 99;
	textfile_line(tf, 0, &len); /* out of range: empty */
	assert_int_equal(len, 0);
	textfile_free(tf);

	tf = tf_from("\n", 1);
	assert_int_equal(tf->nlines, 1);
	assert_line(tf, 0, "");
	textfile_free(tf);

	tf = textfile_new(NULL, 0);
	assert_int_equal(tf->nlines, 0);
	textfile_free(tf);
	textfile_free(NULL);
}

static void test_binary(void **state)
{
	(void)state;
	const char s[] = "ELF\0\1\2\nmore";
	struct textfile *tf = tf_from(s, sizeof s - 1);
	assert_true(tf->binary);
	assert_int_equal(tf->nlines, 2);
	size_t len;
	textfile_line(tf, 0, &len);
	assert_int_equal(len, 6);
	textfile_free(tf);
}

static void test_bom(void **state)
{
	(void)state;
	const char s[] = "\xef\xbb\xbfKEY=1\nX=2\n";
	struct textfile *tf = tf_from(s, sizeof s - 1);
	assert_int_equal(tf->nlines, 2);
	assert_line(tf, 0, "KEY=1");
	assert_line(tf, 1, "X=2");
	assert_int_equal(tf->off[0], 3);
	assert_pos(tf, 3, 1, 1);
	assert_pos(tf, 7, 1, 5);
	assert_pos(tf, 0, 1, 1); /* inside the BOM */
	textfile_free(tf);

	tf = tf_from("\xef\xbb\xbf", 3); /* only a BOM: no lines */
	assert_int_equal(tf->nlines, 0);
	textfile_free(tf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lf),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_bom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
