/* The registry of built-in problems: the MGH table followed by the teaching
 * problems, read-only and shared, so lookups are reentrant. */
#include <config.h>
#include <math.h>
#include <string.h>
#include "problems_internal.h"

size_t hd_problem_count(void)
{
    return hd__problems_mgh_count + hd__problems_extra_count;
}

const hd_problem *hd_problem_at(size_t i)
{
    if (i < hd__problems_mgh_count) return &hd__problems_mgh[i];
    i -= hd__problems_mgh_count;
    if (i < hd__problems_extra_count) return &hd__problems_extra[i];
    return NULL;
}

const hd_problem *hd_problem_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        if (strcmp(p->name, name) == 0) return p;
    }
    return NULL;
}

double hd_problem_f_star(const hd_problem *p, size_t n)
{
    if (!p || !p->n_ok(n)) return NAN;
    if (p->f_star_for) return p->f_star_for(n);
    return (n == 0 || n == p->n) ? p->f_star : NAN;
}
