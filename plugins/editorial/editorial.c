/* editorial.c — the editorial check (文字规范): slips a proof-reader
 * marks in any report — doubled punctuation, unbalanced brackets and
 * quotes, heading numbers that jump.  Info only: they do not change a
 * figure, but an office still sends them back.  See
 * docs/checks/editorial.md. */
#include "ed.h"

static int ed_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    if (ed_rule_marks(doc, rep) != 0 || ed_rule_numbering_gap(doc, rep) != 0)
        return -1;
    return 0;
}

static const fl_rule ed_rules[] = {
    { "doubled-punctuation", FL_SEV_INFO, FL_KINDS_ALL,
      "标点重复：。。、，，、；；或两个句读标点相连",
      "标点重复，如“。"
      "”“，，”“；；”或两个句读标点相连。"
      "常见原因是编辑时删改文字留下了多余的标点。"
      "请删去多余的标点。" },
    { "unbalanced-bracket", FL_SEV_INFO, FL_KINDS_ALL,
      "同一段落内括号、引号、书名号不配对：（…）、“…”、《…》",
      "同一段落内括号、引号、书名号不配对，如只有“（”没有“）”。"
      "常见原因是删改文字时删掉了一半标点。"
      "请补齐或删去不配对的标点。" },
    { "numbering-gap", FL_SEV_INFO, FL_KINDS_ALL,
      "同级标题编号跳号：如“二、”之后是“六、”",
      "同级标题编号跳号，如“二、”之后是“六、”。"
      "常见原因是删除或移动了章节后没有重新编号。"
      "请按顺序重新编排标题编号，或补上缺失的章节。" },
    { NULL, 0, 0, NULL, NULL },
};

/* No options: any key in a [editorial] section is an error. */
static const char *const option_keys[] = { NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "editorial",
    .version = "1.0",
    .summary = "文字规范（提示）：标点重复、括号引号书名号不配对、标题编号跳号",
    .check = ed_check,
    .rules = ed_rules,
    .options = option_keys,
};
