/* vm/sig.c -- SIGINT and SIGTERM as a stop request, for VMs and the orchestrator */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>

#include "vm/sig.h"

/*
 * The handler only records the request. Without SA_RESTART a signal cuts
 * short the sleep or wait it arrives in, so the caller sees it at once.
 * SIGPIPE is ignored: a peer gone away shows as EPIPE where we write.
 */
void
sig_catch(void (*handler)(int))
{
	struct sigaction sa = { .sa_handler = handler };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Hold (block != 0) or release SIGINT and SIGTERM for the calling thread. */
void
sig_block(int block)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}
