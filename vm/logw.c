/* vm/logw.c -- the event log writer: one CSV line per event, written out each tick */
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
	[STEP_PEER_DOWN] = "PEER_DOWN", [STEP_DROP] = "DROP", [STEP_LOSS] = "LOSS",
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
	/* The tick loop says when lines go out (logw_flush); the buffer only
	 * gathers the few lines of one tick into one write. */
	setvbuf(w->f, w->buf, _IOFBF, sizeof w->buf);
	w->vm = vm;
	if (fputs(LOG_HEADER, w->f) == EOF || fflush(w->f) == EOF)
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

/* The peers, src_seq and msg_lamport columns of ev (docs/FORMAT.md). */
static void
columns(const struct step_event *ev, char *peers, size_t plen, char *msg,
    size_t mlen)
{
	switch (ev->kind) {
	case STEP_INTERNAL:
		break;
	case STEP_SEND:
		if (ev->ndest == 2)
			snprintf(peers, plen, "%u|%u", (unsigned)ev->dest[0],
			    (unsigned)ev->dest[1]);
		else
			snprintf(peers, plen, "%u", (unsigned)ev->dest[0]);
		break;
	case STEP_PEER_DOWN:
		snprintf(peers, plen, "%u", (unsigned)ev->dest[0]);
		break;
	case STEP_DROP:
	case STEP_LOSS:
		snprintf(peers, plen, "%u", (unsigned)ev->dest[0]);
		snprintf(msg, mlen, "%" PRIu64 ",%" PRIu64, ev->msg.src_seq,
		    ev->msg.lamport);
		break;
	case STEP_RECV:
	case STEP_PENDING:
		snprintf(peers, plen, "%u", (unsigned)ev->msg.src);
		snprintf(msg, mlen, "%" PRIu64 ",%" PRIu64, ev->msg.src_seq,
		    ev->msg.lamport);
		break;
	}
}

/* Buffered: the line reaches the file at logw_flush (or if the buffer fills). */
int
logw_event(struct logw *w, const struct step_event *ev, uint64_t wall_ns,
    size_t queue_len)
{
	char peers[24] = "", msg[48] = "";
	int rc;

	columns(ev, peers, sizeof peers, msg, sizeof msg);
	rc = fprintf(w->f, "%u,%" PRIu64 ",%s,%" PRIu64 ",%" PRIu64 ",%zu,%s,%s\n",
	    (unsigned)w->vm, ev->seq, kind_name[ev->kind], wall_ns, ev->lamport,
	    queue_len, peers, *msg ? msg : ",");
	if (rc < 0 && w->err == 0)
		w->err = errno;
	return rc < 0 ? -1 : 0;
}

/*
 * Hand what is buffered to the kernel, so it outlives the process: a VM
 * killed with SIGKILL keeps every line flushed. Cheap when nothing is
 * buffered (no system call).
 */
int
logw_flush(struct logw *w)
{
	if (fflush(w->f) == 0)
		return 0;
	if (w->err == 0)
		w->err = errno;
	return -1;
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
