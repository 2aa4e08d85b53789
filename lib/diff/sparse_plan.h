/* The pass plan of a pattern's forward sparse path: private to sparsity.c,
 * which makes it, and path_sparse.c, which runs it. */
#ifndef HYPERDUAL_SPARSE_PLAN_H
#define HYPERDUAL_SPARSE_PLAN_H

#include <stddef.h>

/* For colour c, seeds seed_start[c] .. seed_start[c + 1] - 1: each is a row
 * seeded in a lane of that colour's passes, the CSR position of the upper
 * entry its lane yields and of the mirrored lower one ((size_t)-1: none). */
typedef struct hd__sparse_plan {
    size_t  nseeds;      /* seeded (colour, row) pairs */
    size_t *seed_start;  /* ncolors + 1 offsets into the seed arrays */
    size_t *seed_row;    /* the row of each seed */
    size_t *seed_pos;    /* CSR position of the upper entry it yields, or (size_t)-1 */
    size_t *seed_mirror; /* CSR position of the mirrored lower entry, or (size_t)-1 */
} hd__sparse_plan;

#endif
