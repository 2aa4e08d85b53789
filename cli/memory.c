/* How much memory the tool may still allocate, so that `minimize --n` can
 * refuse a size that does not fit before any work instead of being killed
 * halfway (or, under a memory limit, failing somewhere inside a library). */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "cli.h"

/* The value of a "Key:   N kB" line of a /proc file, in bytes; 0 if absent. */
static size_t proc_kb(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[256];
    size_t bytes = 0, len = strlen(key);
    while (fgets(line, sizeof line, f)) {
        unsigned long long kb;
        if (strncmp(line, key, len) == 0 && sscanf(line + len, " %llu", &kb) == 1) {
            bytes = kb > SIZE_MAX / 1024 ? SIZE_MAX : (size_t)kb * 1024;
            break;
        }
    }
    fclose(f);
    return bytes;
}

/* What a soft limit leaves after `used`; SIZE_MAX without a limit. */
static size_t left_under(int resource, size_t used)
{
    struct rlimit r;
    if (getrlimit(resource, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return SIZE_MAX;
    const unsigned long long lim = (unsigned long long)r.rlim_cur;
    return lim <= used ? 0 : (lim - used > SIZE_MAX ? SIZE_MAX : (size_t)(lim - used));
}

size_t cli_memory_available(void)
{
    size_t avail = proc_kb("/proc/meminfo", "MemAvailable:");
#ifdef _SC_AVPHYS_PAGES
    if (!avail) {
        const long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
        if (pages > 0 && size > 0) avail = (size_t)pages * (size_t)size;
    }
#endif
    if (!avail) avail = SIZE_MAX; /* unknown: the allocations themselves will say */
    const size_t as = left_under(RLIMIT_AS, proc_kb("/proc/self/status", "VmSize:"));
    const size_t data = left_under(RLIMIT_DATA, proc_kb("/proc/self/status", "VmData:"));
    if (as < avail) avail = as;
    if (data < avail) avail = data;
    return avail;
}

const char *cli_bytes(char buf[32], size_t bytes)
{
    static const char *const unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    double v = (double)bytes;
    int u = 0;
    while (v >= 1000.0 && u < 6) {
        v /= 1000.0;
        u++;
    }
    snprintf(buf, 32, u ? "%.3g %s" : "%.0f %s", v, unit[u]);
    return buf;
}
