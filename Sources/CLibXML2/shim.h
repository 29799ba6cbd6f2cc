#ifndef INGEST_CLIBXML2_SHIM_H
#define INGEST_CLIBXML2_SHIM_H

// libxml2's headers pull in ICU, whose module clashes with Foundation's copy.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void ingest_xml_free(void *p) { xmlFree(p); }

#endif
