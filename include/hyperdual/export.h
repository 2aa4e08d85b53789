/**
 * @file hyperdual/export.h
 * @brief HD_API marks the library's exported symbols; everything else is hidden.
 */
#ifndef HYPERDUAL_EXPORT_H
#define HYPERDUAL_EXPORT_H

#if defined(_WIN32) && defined(HD_BUILDING_LIBRARY)
#  define HD_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#  define HD_API __attribute__((visibility("default")))
#else
#  define HD_API
#endif

/* Status-returning functions: ignoring the code is almost always a bug. */
#if defined(__GNUC__) || defined(__clang__)
#  define HD_WARN_UNUSED __attribute__((warn_unused_result))
#  define HD_CONST_FN __attribute__((const))
#else
#  define HD_WARN_UNUSED
#  define HD_CONST_FN
#endif

/* Anonymous structs inside unions (the counters, kinds.h) are C11; C++ has
 * them as an extension that GNU compilers accept quietly when marked. */
#if defined(__cplusplus) && (defined(__GNUC__) || defined(__clang__))
#  define HD__EXTENSION __extension__
#else
#  define HD__EXTENSION
#endif
/* clang++ warns about them even so: around a struct that holds one. */
#if defined(__cplusplus) && defined(__clang__)
#  define HD__ANONYMOUS_BEGIN                                                                   \
    _Pragma("clang diagnostic push")                                                            \
    _Pragma("clang diagnostic ignored \"-Wnested-anon-types\"")                                 \
    _Pragma("clang diagnostic ignored \"-Wgnu-anonymous-struct\"")
#  define HD__ANONYMOUS_END _Pragma("clang diagnostic pop")
#else
#  define HD__ANONYMOUS_BEGIN
#  define HD__ANONYMOUS_END
#endif

#ifdef __cplusplus
#  define HD_BEGIN_DECLS extern "C" {
#  define HD_END_DECLS }
#else
#  define HD_BEGIN_DECLS
#  define HD_END_DECLS
#endif

#endif /* HYPERDUAL_EXPORT_H */
