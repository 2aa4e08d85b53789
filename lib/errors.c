/* Error strings and the run-time version. */
#include <config.h>
#include <hyperdual.h>

const char *hd_version(void) { return HD_VERSION_STRING; }

/* Positive codes are optimizer statuses (hd_result.status); their one place
 * of description is hd_status_str, so that both functions agree. */
const char *hd_strerror(int code)
{
    if (code > 0) return hd_status_str(code);
    switch (code) {
    case HD_OK:         return "success";
    case HD_EINVAL:     return "invalid argument";
    case HD_ENOMEM:     return "out of memory";
    case HD_ENONFINITE: return "non-finite value (NaN or infinity)";
    case HD_ELAPACK:    return "LAPACKE routine failed";
    case HD_ESYNTAX:    return "syntax error in expression";
    case HD_ERANGE:     return "size or nesting limit exceeded";
    case HD_EDOM:       return "argument outside the domain";
    default:            return "unknown error code";
    }
}
