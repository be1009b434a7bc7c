/* vm/reader.h -- one thread per link: frames in, messages and the link's end to the core */
#ifndef VM_READER_H
#define VM_READER_H

#include <pthread.h>
#include <stdint.h>

#include "vm/shared.h"

struct reader {
	pthread_t thread;
	int fd;
	uint32_t peer;		/* the only id allowed to send on this link */
	struct shared *s;
	char why[96];		/* once the link ended broken: what happened */
};

int reader_start(struct reader *r, int fd, uint32_t peer, struct shared *s);
void reader_join(struct reader *r);

#endif
