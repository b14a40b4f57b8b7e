/* fuzz-html.c — HTML pages through the HTML reader and the model, and
 * through the link finder that the crawler uses on the same pages. */
#include "fuzz.h"

#include <stdlib.h>

#include "fetch-internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("fuzz.html", data, size, &fl_reader_html);

    char *utf8 = NULL, err[256];
    size_t len = 0;
    const char *enc = NULL;
    if (fl_html_decode(data, size, NULL, &utf8, &len, &enc, err, sizeof err) == 0) {
        fl_link *links = NULL;
        size_t n = fl_html_links(utf8, len, "https://czj.example.gov.cn/gk/yjs/index.html", &links);
        for (size_t i = 0; i < n; i++) {
            fuzz_touch(links[i].url);
            fuzz_touch(links[i].text);
            /* Links are resolved: absolute http(s), no fragment. */
            if (links[i].url == NULL || fl_url_check(links[i].url, err, sizeof err) != 0)
                abort();
            (void)fl_link_is_attachment(&links[i]);
        }
        fl_links_free(links, n);
        free(utf8);
    }
    return 0;
}
