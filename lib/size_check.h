/* Private: overflow-checked size arithmetic for array sizes. Each function
 * stores the exact result in *out and returns 1, or returns 0 (and leaves
 * *out alone) when the result does not fit in a size_t, so that a caller
 * turns an absurd n into HD_ENOMEM or HD_EINVAL instead of a wrapped,
 * too-small allocation. */
#ifndef HYPERDUAL_LIB_SIZE_CHECK_H
#define HYPERDUAL_LIB_SIZE_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* *out = a + b */
static inline int hd__size_add(size_t a, size_t b, size_t *out)
{
    if (a > SIZE_MAX - b) return 0;
    *out = a + b;
    return 1;
}

/* *out = a * b */
static inline int hd__size_mul(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b) return 0;
    *out = a * b;
    return 1;
}

/* *out = a * b + c: the usual "k arrays of n plus a few" */
static inline int hd__size_mul_add(size_t a, size_t b, size_t c, size_t *out)
{
    size_t ab;
    return hd__size_mul(a, b, &ab) && hd__size_add(ab, c, out);
}

/* malloc of n elements of `size` bytes (at least one byte), NULL when n·size
 * overflows or the allocation fails, as calloc does, without the zeroing. */
static inline void *hd__malloc_array(size_t n, size_t size)
{
    size_t bytes;
    return hd__size_mul(n, size, &bytes) ? malloc(bytes ? bytes : 1) : NULL;
}

#endif
