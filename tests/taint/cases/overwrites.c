/* DHCP/TFTP daemon (dnsmasq-like): a lease database read line by line, names
 * copied into buffers sized for them, error messages built in a shared
 * buffer, file-change events from inotify. Taint cases: "expect: RULE" must
 * be reported on that line (for a sink inside a helper, at the helper's
 * line), "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

struct blob_attr;

static char cmd_buf[256];
static char err_name[256];
static char msg_name[256];

extern void log_line(const char *s);
extern int format_error(char *pkt, const char *name);
extern struct blob_attr *next_attr(struct blob_attr *a);
extern void hosts_reload(const char *path);

/* command-injection, a buffer that held a received line is overwritten with the configured command [shape: overwritten-buffer; sanitizer: overwrite] */
void good_run_configured_script(FILE *in, const char *script)
{
	FILE *out;

	if (fscanf(in, "%255s", cmd_buf) != 1)
		return;
	log_line(cmd_buf);
	strcpy(cmd_buf, script);
	strcat(cmd_buf, " init");
	out = popen(cmd_buf, "r"); /* ok: taint-command-injection */
	if (out)
		pclose(out);
}

/* command-injection, the command is written after the received line, which stays [shape: overwritten-buffer] */
void bad_run_script_after_line(FILE *in, const char *script)
{
	FILE *out;

	if (fscanf(in, "%200s", cmd_buf) != 1)
		return;
	strcpy(cmd_buf + strlen(cmd_buf), script);
	out = popen(cmd_buf, "r"); /* expect: taint-command-injection */
	if (out)
		pclose(out);
}

/* unbounded-copy, a name copied into a buffer sized from strlen() of an exact copy of it [shape: copy-of-copy; sanitizer: sized-allocation] */
char *good_fqdn_from_copy(FILE *in, const char *domain)
{
	char name[64];
	char *copy, *fqdn;

	if (fscanf(in, "%63s", name) != 1)
		return NULL;
	copy = malloc(strlen(name) + 1);
	if (copy == NULL)
		return NULL;
	strcpy(copy, name); /* ok: taint-unbounded-copy */
	fqdn = malloc(strlen(copy) + strlen(domain) + 2);
	if (fqdn == NULL)
		return NULL;
	strcpy(fqdn, name); /* ok: taint-unbounded-copy */
	strcat(fqdn, ".");
	strcat(fqdn, domain);
	free(copy);
	return fqdn;
}

/* unbounded-copy, the buffer is sized from a truncated copy (strncpy), shorter than the name [shape: copy-of-copy] */
char *bad_fqdn_from_truncated_copy(FILE *in, const char *domain)
{
	char name[64];
	char *copy, *fqdn;

	if (fscanf(in, "%63s", name) != 1)
		return NULL;
	copy = malloc(16);
	if (copy == NULL)
		return NULL;
	strncpy(copy, name, 15);
	copy[15] = 0;
	fqdn = malloc(strlen(copy) + strlen(domain) + 2);
	if (fqdn == NULL)
		return NULL;
	strcpy(fqdn, name); /* expect: taint-unbounded-copy */
	strcat(fqdn, ".");
	strcat(fqdn, domain);
	free(copy);
	return fqdn;
}

/* unbounded-copy, each string copied into an element allocated for its length (*pos = malloc(strlen(s) + 1)) [shape: sized-element; sanitizer: sized-allocation] */
int good_copy_patterns(struct blob_attr *head, char **patterns)
{
	char **pos = patterns;
	struct blob_attr *attr;

	for (attr = head; attr; attr = next_attr(attr)) {
		char *pattern = blobmsg_get_string(attr);
		if (pattern == NULL)
			return -1;
		if (!(*pos = malloc(strlen(pattern) + 1)))
			return -1;
		strcpy(*pos++, pattern); /* ok: taint-unbounded-copy */
	}
	return 0;
}

/* unbounded-copy, each string copied into an element of a fixed size [shape: sized-element] */
int bad_copy_patterns_fixed(struct blob_attr *head, char **patterns)
{
	char **pos = patterns;
	struct blob_attr *attr;

	for (attr = head; attr; attr = next_attr(attr)) {
		char *pattern = blobmsg_get_string(attr);
		if (pattern == NULL)
			return -1;
		if (!(*pos = malloc(32)))
			return -1;
		strcpy(*pos++, pattern); /* expect: taint-unbounded-copy */
	}
	return 0;
}

/* helper: copies a file name into the shared error buffer unless it is already there */
static int err_oops(char *pkt, const char *file)
{
	if (file != err_name)
		strcpy(err_name, file); /* ok: taint-unbounded-copy */
	return format_error(pkt, err_name);
}

/* unbounded-copy, the helper is passed the shared buffer itself (directly and through a pointer to it) [shape: self-copy; sanitizer: same-buffer] */
int good_tftp_error_same_buffer(int sock, char *pkt)
{
	char *name = err_name;
	ssize_t n = recv(sock, pkt, 512, 0);

	if (n <= 2)
		return -1;
	pkt[n - 1] = 0;
	strncat(err_name, pkt + 2, sizeof(err_name) - 1 - strlen(err_name));
	if (err_oops(pkt, err_name) < 0)
		return -1;
	return err_oops(pkt, name);
}

/* helper: the same, with its own buffer */
static int msg_oops(char *pkt, const char *file)
{
	if (file != msg_name)
		strcpy(msg_name, file); /* expect: taint-unbounded-copy */
	return format_error(pkt, msg_name);
}

/* unbounded-copy, the helper is passed the file name in the packet: copied into the fixed buffer [shape: self-copy] */
int bad_tftp_error_packet_name(int sock, char *pkt)
{
	ssize_t n = recv(sock, pkt, 512, 0);

	if (n <= 2)
		return -1;
	pkt[n - 1] = 0;
	return msg_oops(pkt, pkt + 2);
}

/* unbounded-copy, a file name from an inotify event: a record of the kernel's, not input [shape: kernel-event; sanitizer: not-a-source] */
void good_inotify_name(int inotify_fd, const char *dir)
{
	char buf[4096];
	char path[512];
	ssize_t n = read(inotify_fd, buf, sizeof(buf));
	struct inotify_event *in = (struct inotify_event *)buf;

	if (n < (ssize_t)sizeof(*in))
		return;
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, in->name); /* ok: taint-unbounded-copy */
	hosts_reload(path);
}

/* unbounded-copy, the same record layout read from a socket [shape: kernel-event] */
void bad_socket_event_name(int sock, const char *dir)
{
	char buf[4096];
	char path[512];
	ssize_t n = read(sock, buf, sizeof(buf));
	struct inotify_event *in = (struct inotify_event *)buf;

	if (n < (ssize_t)sizeof(*in))
		return;
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, in->name); /* expect: taint-unbounded-copy */
	hosts_reload(path);
}
