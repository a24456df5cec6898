/* fuzz_kvparse.c - the Kconfig/sdkconfig and BitBake key/value parsers on
 * a textfile of the input. Every entry must point into the text (or, for
 * "is not set", at its static "n") and carry a line and columns inside the
 * file. Inputs with NUL bytes are skipped, as the engine skips binary files. */
#include "fuzz.h"

#include <string.h>

#include "kvparse.h"
#include "textfile.h"
#include "util.h"

static int inside(const struct textfile *tf, const char *p, size_t n)
{
	return p >= tf->data && p <= tf->data + tf->len && n <= (size_t)(tf->data + tf->len - p);
}

static void check(const struct textfile *tf, const struct kvfile *kv, const char *syn)
{
	FUZZ_CHECK(kv->n <= kv->cap, "%s: n %zu > cap %zu", syn, kv->n, kv->cap);
	for (size_t i = 0; i < kv->n; i++) {
		const struct kventry *e = &kv->v[i];
		FUZZ_CHECK(e->op != NULL, "%s: entry %zu without op", syn, i);
		FUZZ_CHECK(e->key_len > 0 && inside(tf, e->key, e->key_len),
			   "%s: entry %zu key outside the text", syn, i);
		FUZZ_CHECK(e->unset || inside(tf, e->value, e->value_len),
			   "%s: entry %zu value outside the text", syn, i);
		FUZZ_CHECK(e->line >= 1 && e->line <= tf->nlines, "%s: entry %zu line %u of %zu",
			   syn, i, e->line, tf->nlines);
		FUZZ_CHECK(e->key_col >= 1 && e->value_col >= 1, "%s: entry %zu column 0", syn, i);
		/* Touch every byte so ASan sees any stray pointer. */
		volatile unsigned sum = 0;
		for (size_t k = 0; k < e->key_len; k++)
			sum += (unsigned char)e->key[k];
		for (size_t k = 0; k < e->value_len; k++)
			sum += (unsigned char)e->value[k];
		(void)sum;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memchr(data, '\0', size))
		return 0;
	static const struct {
		enum kv_syntax syn;
		const char *name;
	} syntaxes[] = {{KV_KCONFIG, "kconfig"}, {KV_BITBAKE, "bitbake"}};
	for (size_t s = 0; s < ARRAY_LEN(syntaxes); s++) {
		struct textfile *tf = textfile_new(xstrndup((const char *)data, size), size);
		struct kvfile kv;
		kvparse(tf, syntaxes[s].syn, &kv);
		check(tf, &kv, syntaxes[s].name);
		kvfile_free(&kv);
		textfile_free(tf);
	}
	return 0;
}
