/* Three threads each write 16 pages of their own buffer, then the process forks a child that
 * writes 4 pages and exits; the parent waits for it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void *work(void *arg) {
    (void) arg;
    char *p = mmap(NULL, 16 << 12, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 1, 16 << 12);
    munmap(p, 16 << 12);
    return NULL;
}

int main(void) {
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    pid_t c = fork();
    if (c == 0) {
        char *p = mmap(NULL, 4 << 12, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memset(p, 2, 4 << 12);
        _exit(0);
    }
    waitpid(c, NULL, 0);
    return 0;
}
