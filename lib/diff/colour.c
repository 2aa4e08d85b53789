/* Column colourings of symmetric sparsity patterns (CSR), and lookups in
 * them: the bottom of the derivative layer (lib/diff/internal.h). */
#include <config.h>
#include <stdlib.h>
#include "internal.h"
#include "../size_check.h"

#define NONE ((size_t)-1)

size_t hd__csr_position(const hd_sparsity *sp, size_t i, size_t j)
{
    size_t lo = sp->row_start[i], hi = sp->row_start[i + 1];
    while (lo < hi) { /* a hub's row is as long as n */
        const size_t mid = lo + (hi - lo) / 2;
        if (sp->col[mid] < j) lo = mid + 1;
        else hi = mid;
    }
    return lo < sp->row_start[i + 1] && sp->col[lo] == j ? lo : NONE;
}

/* Greedy distance-2 colouring: columns sharing a row get different colours. */
int hd__colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                       size_t *ncolors)
{
    size_t *mark = hd__malloc_array(n, sizeof *mark); /* mark[c] == j: colour c is taken for j */
    if (!mark) return HD_ENOMEM;
    for (size_t c = 0; c < n; c++) mark[c] = NONE;
    *ncolors = 0;
    for (size_t j = 0; j < n; j++) {
        /* rows of column j = columns of row j (symmetric) */
        for (size_t t = row_start[j]; t < row_start[j + 1]; t++) {
            const size_t i = col[t];
            for (size_t u = row_start[i]; u < row_start[i + 1]; u++) {
                const size_t k = col[u];
                if (k < j) mark[color[k]] = j;
            }
        }
        size_t c = 0;
        while (mark[c] == j) c++;
        color[j] = c;
        if (c + 1 > *ncolors) *ncolors = c + 1;
    }
    free(mark);
    return HD_OK;
}

/* Greedy star colouring (Gebremedhin, Manne and Pothen, SIAM Review 47,
 * 2005): neighbours differ, and no path on four vertices takes only two
 * colours. Then every off-diagonal entry H_ij can be read off one of the
 * two compressed columns that hold it: (H s_c(j))_i when j is the only
 * neighbour of i in colour c(j), else (H s_c(i))_j (were both shared, a
 * k ~ i ~ j ~ l path would take two colours). A hub coupled to every other
 * variable costs 2 colours instead of n. Vertex v, coloured in order, may
 * not take the colour of x (a coloured neighbour of its coloured neighbour
 * w) when that would close a two-coloured path v-w-x-y (x has another
 * neighbour y of w's colour) or a-v-w-x (v has another neighbour a of w's
 * colour). O(Σ deg³). */
int hd__star_colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                            size_t *ncolors)
{
    size_t *forbid = hd__malloc_array(n, sizeof *forbid); /* forbid[c] == v: c is taken for v */
    size_t *seen = hd__malloc_array(n, sizeof *seen);     /* v's coloured neighbours per colour */
    size_t *seen_at = hd__malloc_array(n, sizeof *seen_at);
    if (!forbid || !seen || !seen_at) {
        free(forbid);
        free(seen);
        free(seen_at);
        return HD_ENOMEM;
    }
    for (size_t c = 0; c < n; c++) forbid[c] = seen_at[c] = NONE;
    *ncolors = 0;
    for (size_t v = 0; v < n; v++) {
        for (size_t t = row_start[v]; t < row_start[v + 1]; t++) {
            const size_t w = col[t];
            if (w >= v) continue; /* uncoloured, or v itself */
            forbid[color[w]] = v;
            if (seen_at[color[w]] != v) seen_at[color[w]] = v, seen[color[w]] = 0;
            seen[color[w]]++;
        }
        for (size_t t = row_start[v]; t < row_start[v + 1]; t++) {
            const size_t w = col[t];
            if (w >= v) continue;
            const size_t cw = color[w];
            const int v_shares = seen[cw] >= 2; /* another neighbour a of v has w's colour */
            for (size_t u = row_start[w]; u < row_start[w + 1]; u++) {
                const size_t x = col[u];
                if (x >= v || x == w || forbid[color[x]] == v) continue;
                int close = v_shares;
                for (size_t r = row_start[x]; !close && r < row_start[x + 1]; r++) {
                    const size_t y = col[r];
                    close = y < v && y != w && y != x && color[y] == cw;
                }
                if (close) forbid[color[x]] = v;
            }
        }
        size_t c = 0;
        while (forbid[c] == v) c++;
        color[v] = c;
        if (c + 1 > *ncolors) *ncolors = c + 1;
    }
    free(forbid);
    free(seen);
    free(seen_at);
    return HD_OK;
}
