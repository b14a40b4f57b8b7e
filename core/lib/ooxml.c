/* ooxml.c — XML parts of DOCX/XLSX packages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "ooxml.h"

xmlDoc *fl_ooxml_parse(fl_zip *z, const char *name, const char *what, int *missing,
                       char *err, size_t errsize)
{
    char *xml;
    size_t len;
    *missing = 0;
    int rc = fl_zip_read(z, name, &xml, &len, err, errsize);
    if (rc == 1) {
        *missing = 1;
        return NULL;
    }
    if (rc < 0)
        return NULL;
    if (len > (size_t)0x7fffffff) {
        free(xml);
        snprintf(err, errsize, "%s 文件中的 %s 过大，无法读取", what, name);
        return NULL;
    }
    /* No XML_PARSE_NOENT, no network, no huge-text relaxation. */
    xmlDoc *doc = xmlReadMemory(xml, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(xml);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc)
            xmlFreeDoc(doc);
        snprintf(err, errsize, "%s 文件已损坏：%s 不是有效的 XML", what, name);
        return NULL;
    }
    /* Office never writes a DTD.  One that declares entities is an attack:
     * the parser leaves entity references alone, but reading a node's
     * content later (xmlNodeGetContent) expands them, and one 50 KB entity
     * referenced 50,000 times becomes gigabytes from a 1 KB file. */
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        xmlFreeDoc(doc);
        snprintf(err, errsize, "%s 文件中的 %s 含有 DTD 或实体声明（Office 文件不会有），"
                 "可能是“实体炸弹”，拒绝读取", what, name);
        return NULL;
    }
    return doc;
}

int fl_ooxml_is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && !strcmp((const char *)node->name, name);
}

xmlNode *fl_ooxml_child(const xmlNode *node, const char *name)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (fl_ooxml_is(c, name))
            return c;
    return NULL;
}

const char *fl_ooxml_attr(const xmlNode *node, const char *name)
{
    for (xmlAttr *a = node ? node->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children
            && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}
