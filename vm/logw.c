/* vm/logw.c -- the event log writer: one CSV line per event, buffered */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/logw.h"

#define LOG_HEADER "vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport\n"

struct logw {
	FILE *f;
	char *path;
	uint32_t vm;
	int err;	/* first errno of a failed write, kept for logw_close */
	char buf[1 << 16];
};

static const char *const kind_name[] = {
	[STEP_INTERNAL] = "INTERNAL", [STEP_SEND] = "SEND",
	[STEP_RECV] = "RECV", [STEP_PENDING] = "PENDING",
};

/* O_EXCL: a log is never written over, whatever the caller checked before. */
struct logw *
logw_open(const char *path, uint32_t vm, char *err, size_t errlen)
{
	struct logw *w = calloc(1, sizeof *w);
	int fd = -1;

	if (w == NULL || (w->path = strdup(path)) == NULL)
		goto fail;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
	    (w->f = fdopen(fd, "w")) == NULL)
		goto fail;
	/* Lines reach the disk in 64 KiB writes, and at every exit path. */
	setvbuf(w->f, w->buf, _IOFBF, sizeof w->buf);
	w->vm = vm;
	if (fputs(LOG_HEADER, w->f) == EOF)
		goto fail;
	return w;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (w != NULL && w->f != NULL)
		fclose(w->f);
	else if (fd != -1)
		close(fd);
	if (w != NULL)
		free(w->path);
	free(w);
	return NULL;
}

int
logw_event(struct logw *w, const struct step_event *ev, uint64_t wall_ns,
    size_t queue_len)
{
	char peers[24] = "", msg[48] = "";
	int rc;

	if (ev->kind == STEP_SEND && ev->ndest == 2)
		snprintf(peers, sizeof peers, "%u|%u", (unsigned)ev->dest[0],
		    (unsigned)ev->dest[1]);
	else if (ev->kind == STEP_SEND)
		snprintf(peers, sizeof peers, "%u", (unsigned)ev->dest[0]);
	else if (ev->kind != STEP_INTERNAL) {
		snprintf(peers, sizeof peers, "%u", (unsigned)ev->msg.src);
		snprintf(msg, sizeof msg, "%" PRIu64 ",%" PRIu64,
		    ev->msg.src_seq, ev->msg.lamport);
	}
	rc = fprintf(w->f, "%u,%" PRIu64 ",%s,%" PRIu64 ",%" PRIu64 ",%zu,%s,%s\n",
	    (unsigned)w->vm, ev->seq, kind_name[ev->kind], wall_ns, ev->lamport,
	    queue_len, peers, *msg ? msg : ",");
	if (rc < 0 && w->err == 0)
		w->err = errno;
	return rc < 0 ? -1 : 0;
}

/* Flush and close; a write error anywhere in the log's life is reported. */
int
logw_close(struct logw *w, char *err, size_t errlen)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (fclose(w->f) == EOF && w->err == 0)
		w->err = errno;
	if (w->err != 0) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(w->err));
		rc = -1;
	}
	free(w->path);
	free(w);
	return rc;
}
