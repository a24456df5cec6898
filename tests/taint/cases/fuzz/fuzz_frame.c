/* A fuzzing harness that replays frames from a socket: test code, not the
 * device's input handling; the taint rules exclude fuzz/, test/, tests/,
 * test_*.c, *_test.c and *_tests.c. Taint cases: "expect: RULE" must be
 * reported on that line, "ok: RULE" must not. */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

/* copy-length, a harness copies a received length (excluded test code) [shape: test-code; sanitizer: test-code] */
int good_fuzz_replay_frame(int sock)
{
	uint8_t data[256];
	uint8_t frame[64];

	if (recv(sock, data, sizeof(data), 0) < 2)
		return 0;
	memcpy(frame, data + 1, data[0]); /* ok: taint-copy-length */
	return 0;
}
