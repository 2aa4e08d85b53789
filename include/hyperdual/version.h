/**
 * @file hyperdual/version.h
 * @brief Compile-time and run-time version of the library.
 */
#ifndef HYPERDUAL_VERSION_H
#define HYPERDUAL_VERSION_H

#include "export.h"

#define HD_VERSION_MAJOR 0
#define HD_VERSION_MINOR 2
#define HD_VERSION_PATCH 0
#define HD_VERSION_STRING "0.2.0"

HD_BEGIN_DECLS

/** @brief The version of the library actually linked, e.g. "0.1.0". */
HD_API const char *hd_version(void);

HD_END_DECLS

#endif /* HYPERDUAL_VERSION_H */
