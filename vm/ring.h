/* vm/ring.h -- a VM's place in the ring: listen, connect with retry, handshake */
#ifndef VM_RING_H
#define VM_RING_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vm/core/wire.h"

enum { RING_NEXT, RING_PREV };

struct ring_conf {
	uint32_t id, n;		/* this VM and the ring size */
	uint8_t run_id[WIRE_RUN_ID_LEN];
	struct wire_settings set;	/* every VM of the ring has the same */
	int listen_fd;		/* listening for the predecessor */
	const char *next_host;	/* where the successor listens */
	uint16_t next_port;
	uint64_t deadline_ns;	/* CLOCK_MONOTONIC: stop retrying after it */
	volatile sig_atomic_t *stop;	/* set by a signal handler: give up */
	FILE *notes;		/* where dropped clients are reported, or NULL */
};

struct ring_links {
	int fd[2];		/* RING_NEXT, RING_PREV: one socket when N = 2 */
};

int ring_listen(const char *host, uint16_t port, int *fd, uint16_t *bound,
    char *err, size_t errlen);
/*
 * Link to both neighbours: 0; -1 failed; -2 a VM of the ring (or one at
 * the successor's address, of another ring) disagrees on a setting: the
 * ring cannot form, and err names the setting.
 */
int ring_join(const struct ring_conf *c, struct ring_links *l, char *err,
    size_t errlen);
int ring_send(int fd, const uint8_t *buf, size_t len);
/* "127.0.0.2:40123", the far end of fd ("?" if it is gone). */
void ring_peer_name(int fd, char *buf, size_t len);
/* One whole frame from fd, not a byte more: 0, or -1 with *why. */
int ring_read_frame(const struct ring_conf *c, int fd, uint64_t deadline,
    struct wire_frame *f, const char **why);

#endif
