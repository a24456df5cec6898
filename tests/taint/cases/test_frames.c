/* A unit test of the frame parser (test_*.c): test code, not the device's
 * input handling. Taint cases: "expect: RULE" must be reported on that
 * line, "ok: RULE" must not. */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

/* copy-length, a unit test feeds a received length to memcpy (excluded test code) [shape: test-code; sanitizer: test-code] */
int good_test_frame_copy(int sock)
{
	uint8_t buf[64];
	uint8_t out[16];

	if (recv(sock, buf, sizeof(buf), 0) < 2)
		return -1;
	memcpy(out, buf + 1, buf[0]); /* ok: taint-copy-length */
	return 0;
}
