// How much a CPU is taken away from a program that only wants to run: spins on CLOCK_MONOTONIC for
// SECONDS and counts the gaps between consecutive readings above THRESHOLD_US. With nothing else
// runnable on the CPU, a gap is an interrupt, a kernel thread or (on a VM) the hypervisor.
//   cpugaps SECONDS THRESHOLD_US
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 10;
    long long threshold = (argc > 2 ? atoll(argv[2]) : 100) * 1000;
    static const long long bounds[] = {500000, 1000000, 2000000, 5000000, 10000000};
    long counts[6] = {0};
    long long start = now_ns(), previous = start, end = start + seconds * 1000000000LL, longest = 0, lost = 0;
    for (long long t = start; t < end; previous = t) {
        t = now_ns();
        long long gap = t - previous;
        if (gap <= threshold) continue;
        int bucket = 0;
        while (bucket < 5 && gap >= bounds[bucket]) bucket++;
        counts[bucket]++;
        lost += gap;
        if (gap > longest) longest = gap;
    }
    printf("%ds, gaps > %lld us: <0.5 ms %ld, 0.5-1 ms %ld, 1-2 ms %ld, 2-5 ms %ld, 5-10 ms %ld, >= 10 ms %ld; longest %.3f ms; %.2f %% of the time\n",
           seconds, threshold / 1000, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], longest / 1e6, 100.0 * lost / (seconds * 1e9));
    return 0;
}
