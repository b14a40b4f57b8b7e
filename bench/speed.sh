#!/bin/sh
# speed.sh — how fast fislint is against plain tools on the same bytes, in
# one run, with the project's targets printed beside each figure.
#
#   bench/speed.sh [path/to/fislint]
#
# Needs: ripgrep (`apt-get install ripgrep`), GNU time (`apt-get install
# time`), and for the PDF part pdftotext (`apt-get install poppler-utils`).
# Environment:
#   DOCS=1000        documents in the corpus (bench/make-corpus.sh)
#   ROUNDS=3         runs of each timing; the best is used, the range shown
#                    (-j 1 and -j 2 run in turn ROUNDS times: the speed-up
#                    is the median of the pairs' ratios, their range shown)
#   PARTS="corpus parse ir pdf jobs rss linear startup"   parts to run; add
#                    "percheck" for the time of each check alone over the corpus,
#                    and without what every run shares
#   IR_EVERY=5       "ir" counts instructions (valgrind) on every IR_EVERY-th
#                    document of the corpus
#   FISLINT_ARGS=    added to every `fislint check` (e.g. --plugin-dir DIR
#                    to time another build of the plugins)
#   LINEAR_KB=100    size of the narrative the linearity paragraph repeats
#   LINEAR_X=24      repeats of it (and 32 x LINEAR_X of the table's rows)
#                    in the 1x case, timed by wall clock; the 16x case has
#                    16 times as many
#   IR_X=3           the same, when valgrind counts instructions (the
#                    default when it is installed: apt-get install valgrind)
#                    ("linear" also times 4 and 16 reports of one unit)
#
# Every timing is wall-clock of whole processes (start-up included), one
# core (`-j 1`, `rg -j1`) unless said otherwise; on a shared machine run it
# twice and read the ranges.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
FISLINT=${1:-$top/_build/core/cli/fislint}
DOCS=${DOCS:-1000}
ROUNDS=${ROUNDS:-3}
PARTS=${PARTS:-corpus parse ir pdf jobs rss linear startup}
IR_EVERY=${IR_EVERY:-5}
LINEAR_KB=${LINEAR_KB:-100}
LINEAR_X=${LINEAR_X:-24}
IR_X=${IR_X:-3}
ARGS=${FISLINT_ARGS:-}

need() { # TOOL PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "speed.sh: $1 is missing: apt-get install $2" >&2
    exit 2
}
need rg ripgrep
[ -x /usr/bin/time ] || { echo "speed.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 2; }
[ -x "$FISLINT" ] || { echo "speed.sh: $FISLINT is not built (scripts/build.sh)" >&2; exit 2; }
# A build tree's core/cli/fislint is libtool's wrapper: a shell script that
# runs sed and ls before it starts the program, some 20 ms a run that an
# installed fislint does not have (and that would count against -j 2 as
# work no process can share).  Time the program itself, with the build's
# library.
if head -c 300 "$FISLINT" | grep -q 'temporary wrapper script'; then
    bindir=$(cd "$(dirname "$FISLINT")" && pwd)
    FISLINT=$bindir/.libs/$(basename "$FISLINT")
    LD_LIBRARY_PATH=$(cd "$bindir/../.libs" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
    [ -x "$FISLINT" ] || { echo "speed.sh: $FISLINT is not built" >&2; exit 2; }
fi
has() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# best SECONDS-RANGE of ROUNDS runs of a command: sets $best and $range.
timed() {
    best='' range='' _r=0 _lo='' _hi=''
    while [ "$_r" -lt "$ROUNDS" ]; do
        _t0=$(now)
        "$@" >/dev/null 2>&1 || true
        _t1=$(now)
        _t=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", b - a }')
        _lo=$(awk -v a="${_lo:-$_t}" -v b="$_t" 'BEGIN { print (b < a ? b : a) }')
        _hi=$(awk -v a="${_hi:-$_t}" -v b="$_t" 'BEGIN { print (b > a ? b : a) }')
        _r=$((_r + 1))
    done
    best=$_lo
    range="$_lo-$_hi s"
}
# paired A B: ROUNDS runs of the commands (functions) A and B in turn
# (A B A B …), so that a change in the machine's speed during the part
# weighs on both alike; sets $best_a, $best_b, the median $speedup of the
# pairs' A/B, and $spread (the lowest and highest of them).  A ratio of
# two best times drifts on a shared machine by more than the 0.05 the -j
# targets care about.
paired() {
    _ratios='' _r=0
    while [ "$_r" -lt "$ROUNDS" ]; do
        _t0=$(now)
        "$1" >/dev/null 2>&1 || true
        _t1=$(now)
        "$2" >/dev/null 2>&1 || true
        _t2=$(now)
        _ratios="$_ratios $(awk -v a="$_t0" -v b="$_t1" -v c="$_t2" 'BEGIN { printf "%.3f:%.3f:%.4f", b - a, c - b, (b - a) / (c - b > 0 ? c - b : 0.001) }')"
        _r=$((_r + 1))
    done
    # shellcheck disable=SC2046
    set -- $(echo "$_ratios" | tr ' ' '\n' | awk -F: 'NF == 3 { a[++n] = $1; b[n] = $2; r[n] = $3 }
        END {
            ba = a[1]; bb = b[1]
            for (i = 2; i <= n; i++) { if (a[i] < ba) ba = a[i]; if (b[i] < bb) bb = b[i] }
            # r sorted (insertion: n is small) for the median and the spread
            for (i = 2; i <= n; i++) { x = r[i]; for (j = i - 1; j >= 1 && r[j] > x; j--) r[j + 1] = r[j]; r[j + 1] = x }
            med = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
            printf "%s %s %.2f %.2f-%.2f\n", ba, bb, med, r[1], r[n]
        }')
    best_a=$1 best_b=$2 speedup=$3 spread=$4
}
# instructions COMMAND…: the instructions it executes (valgrind's
# callgrind; one process, its children not followed).
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; printf "%.1f", a / b }'; }
# The same to two places, where the target is close (1.76 is not 1.8).
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; printf "%.2f", a / b }'; }
# check … : fislint check on the corpus with $ARGS, output discarded.
fl_check() {
    # shellcheck disable=SC2086
    "$FISLINT" check $ARGS -q "$@"
}

corpus=$work/corpus
"$top/bench/make-corpus.sh" "$corpus" "$DOCS"
files=$(find "$corpus" -type f | sort)
# shellcheck disable=SC2086
bytes=$(cat $files | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "fislint speed — $(date -u +%Y-%m-%d), $(nproc) cores, corpus: $DOCS documents, $mb MB"
echo "(best of $ROUNDS runs; range in brackets; target beside each ratio)"
echo

# One literal scan of the same files: the floor for reading the bytes.
# shellcheck disable=SC2086
timed rg -j1 --no-ignore -F -c 主要原因 $files
t_rg=$best
printf '%-34s %8s s  [%s]\n' "rg -j1 literal scan" "$t_rg" "$range"
# For scale, no target: coreutils counting the characters of the same
# files, one pass of a plain C tool that decodes each UTF-8 character
# (mbrtowc) and keeps nothing.  rg reads the bytes; this one looks at
# every character, as a parse must, and is not built for speed either.
# shellcheck disable=SC2086
timed env LC_ALL=C.UTF-8 wc -m $files
t_wc=$best
printf '%-34s %8s s  [%s]  %s x rg   (for scale)\n' "wc -m (UTF-8 characters)" \
    "$t_wc" "$range" "$(ratio "$t_wc" "$t_rg")"

if has corpus; then
    # shellcheck disable=SC2086
    timed fl_check -j 1 $files
    t_check1=$best
    printf '%-34s %8s s  [%s]  %s x rg   (target <= 20)  %s MB/s\n' "fislint check -j1, all checks" \
        "$t_check1" "$range" "$(ratio "$t_check1" "$t_rg")" "$(ratio "$mb" "$t_check1")"
fi
if has parse; then
    # shellcheck disable=SC2086
    timed "$FISLINT" dump $files
    t_dump=$best
    printf '%-34s %8s s  [%s]  %s x rg   (target <= 8)\n' "fislint dump (parse alone)" \
        "$t_dump" "$range" "$(ratio "$t_dump" "$t_rg")"
fi
if has ir; then
    # The ratios to rg depend on the machine: rg's time is almost all
    # opening and reading files, fislint's almost all computation: on two
    # virtual machines of the same kind, rg took 17 ms on one and 40-50 ms
    # on the other, for fislint's 1.25 and 1.07-1.26 s.  Instructions per
    # input byte are the same on any machine (callgrind counts them; in one
    # process, so the figure is the whole program's work, workers' and
    # main's alike).
    if command -v valgrind >/dev/null 2>&1; then
        sample=$(echo "$files" | awk -v k="$IR_EVERY" '(NR - 1) % k == 0')
        # shellcheck disable=SC2086
        sbytes=$(cat $sample | wc -c)
        per_byte() { awk -v i="$1" -v b="$sbytes" 'BEGIN { printf "%.0f", i / b }'; }
        # shellcheck disable=SC2086
        i_check=$(instructions "$FISLINT" check $ARGS -q --no-isolation -j 1 $sample)
        # shellcheck disable=SC2086
        i_dump=$(instructions "$FISLINT" dump $sample)
        printf '%-34s %8s  (%s documents, %s bytes; the same on any machine)\n' \
            "instructions per byte, check" "$(per_byte "$i_check")" \
            "$(echo "$sample" | wc -l)" "$sbytes"
        printf '%-34s %8s\n' "instructions per byte, dump" "$(per_byte "$i_dump")"
    else
        echo "instructions per byte skipped: valgrind is missing: apt-get install valgrind"
    fi
fi
if has jobs; then
    # -j 1 and -j 2 in turn (paired): the speed-up is the median of the
    # pairs' ratios.
    # shellcheck disable=SC2086
    j1() { fl_check -j 1 $files; }
    # shellcheck disable=SC2086
    j2() { fl_check -j 2 $files; }
    paired j1 j2
    printf '%-34s %8s s\n' "fislint check -j1 (paired)" "$best_a"
    printf '%-34s %8s s  speed-up %s [pairs %s] (target >= 1.8 on two idle cores)\n' \
        "fislint check -j2" "$best_b" "$speedup" "$spread"
    # A batch as an office has it, each bureau's reports side by side (an
    # -i list names the unit of every 5 in turn): the second pass then
    # builds every report again, with its unit's others, for across-years.
    units=$work/units.list
    echo "$files" | awk '{ printf "%s\tunit%04d\n", $0, int((NR - 1) / 5) }' >"$units"
    u1() { fl_check -j 1 -i "$units"; }
    u2() { fl_check -j 2 -i "$units"; }
    paired u1 u2
    printf '%-34s %8s s\n' "fislint check -j1, units of 5" "$best_a"
    printf '%-34s %8s s  speed-up %s [pairs %s] (target >= 1.8 on two idle cores)\n' \
        "fislint check -j2, units of 5" "$best_b" "$speedup" "$spread"
fi
if has pdf; then
    pdfs=$(ls "$top"/tests/real/pdf/*.pdf 2>/dev/null || true)
    if ! command -v pdftotext >/dev/null 2>&1; then
        echo "PDF part skipped: pdftotext is missing: apt-get install poppler-utils"
    elif [ -z "$pdfs" ]; then
        echo "PDF part skipped: no tests/real/pdf/*.pdf"
    else
        pdftext() { for p in $pdfs; do pdftotext -q -layout "$p" /dev/null; done; }
        timed pdftext
        t_pt=$best
        printf '%-34s %8s s  [%s]  (%d PDFs)\n' "pdftotext -layout" "$t_pt" "$range" \
            "$(echo "$pdfs" | wc -l)"
        # shellcheck disable=SC2086
        timed fl_check -j 1 $pdfs
        printf '%-34s %8s s  [%s]  %s x pdftotext (target <= 1.5)\n' "fislint check -j1, PDFs" \
            "$best" "$range" "$(ratio "$best" "$t_pt")"
    fi
fi
if has rss; then
    echo
    echo "peak RSS of the main process, -f jsonl -j 2 (target: ratio <= 1.2):"
    FORMATS=jsonl FISLINT_ARGS=$ARGS "$top/bench/batch-memory.sh" "$FISLINT" 100 3000
fi
if has percheck || has linear; then
    # shellcheck disable=SC2086
    checks=$("$FISLINT" checks $ARGS 2>/dev/null | awk '{ print $1 }')
fi
if has percheck; then
    echo
    echo "each check alone over the corpus (-j1; the parse is in every line):"
    alone=$work/alone
    : >"$alone"
    for c in $checks; do
        # shellcheck disable=SC2086
        timed fl_check -j 1 --checks "$c" $files
        printf '  %-22s %8s s  [%s]\n' "$c" "$best" "$range"
        echo "$c $best" >>"$alone"
    done
    # What every line shares (reading, parsing, the workers) is not a run
    # of its own: no check at all cannot be chosen, and a run of
    # across-years alone adds the second pass.  The two cheapest checks,
    # alone and together, give it: t(a) + t(b) - t(a,b).
    # shellcheck disable=SC2046 # check ids are single words
    set -- $(sort -k2 -n "$alone" | head -2 | awk '{ print $1 }')
    if [ $# -eq 2 ]; then
        # shellcheck disable=SC2086
        timed fl_check -j 1 --checks "$1,$2" $files
        base=$(awk -v a="$1" -v b="$2" -v ab="$best" '$1 == a || $1 == b { s += $2 }
                   END { printf "%.3f", s - ab }' "$alone")
        echo "shared by every line: $base s ($1 and $2 alone and together);"
        echo "each check's own time, that taken away:"
        sort -k2 -nr "$alone" | awk -v base="$base" '{ printf "  %-22s %8.3f s\n", $1, $2 - base }'
    fi
fi
if has linear; then
    # A long paragraph: narrative sentences of the seeds joined on one
    # line (~LINEAR_KB KB) LINEAR_X times, and a long table: the rows of
    # seed 003's largest table (基本支出决算明细表) 32 x LINEAR_X times;
    # each at 1x and 16x in one document under the seed's title; and a
    # dense paragraph (below) LINEAR_X times.  A check linear in them does
    # 16 times the work at 16x.
    seed003=$top/examples/003_b8f3d489ed9ef61e.txt
    title=$(head -n 1 "$seed003")
    printf '%s\n' "$title" >"$work/l0.txt"
    para=$(LC_ALL=C awk -v max=$((LINEAR_KB * 1024)) '
        !/\t/ && !/^[#|-]/ && length($0) > 60 && /。/ {
            if (length(out) + length($0) > max) exit
            out = out $0 }
        END { printf "%s", out }' "$top"/examples/*.txt)
    # The longest run of tab-separated lines: its heading (the 10 lines
    # before it) and 2 header rows, then the data rows.
    LC_ALL=C awk '
        { line[NR] = $0 }
        /\t/ { if (!n) s = NR; n++; if (n > best) { best = n; bs = s }; next }
        { n = 0 }
        END {
            for (i = bs - 10; i < bs + 2; i++) print line[i] > head
            for (i = bs + 2; i < bs + best; i++) print line[i] > body
        }' head="$work/thead" body="$work/tbody" "$seed003"
    table() { # TIMES
        printf '%s\n\n' "$title"
        cat "$work/thead"
        i=0
        while [ $i -lt "$1" ]; do cat "$work/tbody"; i=$((i + 1)); done
    }
    paragraph() { # TIMES [TEXT]
        printf '%s\n\n' "$title"
        i=0
        while [ $i -lt "$1" ]; do printf '%s' "${2:-$para}"; i=$((i + 1)); done
        printf '\n'
    }
    # A dense paragraph: the narrative lines of the checks' own test
    # fixtures, each written to set a rule off, joined on one line.  Every
    # check finds its words and figures here at every few bytes, so work
    # done per hit (a lookup among all earlier figures, say) shows; the
    # seeds' sentences above hold few of them.
    dense=$(LC_ALL=C awk '!/\t/ && !/^[#|-]/ && length($0) > 10 { out = out $0 }
        END { printf "%s", out }' "$top"/plugins/*/fixtures/*.txt "$top"/plugins/*/fixtures/*.md)
    # What grows with the input is each check's own work; the model and
    # the pipeline around it are shared, and past the caches their time
    # per byte rises with the size of the document alone (page faults of
    # fresh memory, misses once the text is beyond the last-level
    # cache): on a virtual machine a 40 MB paragraph took 28 times the
    # time of a 2.4 MB one in `fislint dump`, for 4.0 times the
    # instructions between 10 and 40 MB.  So with valgrind a check's own
    # work is counted in instructions (deterministic, and the same on any
    # machine): a run of the check, less the least of all checks' runs on
    # the same document, which is the shared part.  Without it, wall
    # clock, less the title alone (t0), and the shared part's growth in
    # the ratio.
    if command -v valgrind >/dev/null 2>&1; then
        x=$IR_X
        unit="M instructions"
    else
        x=$LINEAR_X
        unit="s"
        echo "(valgrind is missing: apt-get install valgrind; wall clock instead, which"
        echo " counts the shared model's growth past the caches as the check's)"
    fi
    paragraph "$x" >"$work/p1.txt"
    paragraph $((16 * x)) >"$work/p16.txt"
    paragraph "$x" "$dense" >"$work/d1.txt"
    paragraph $((16 * x)) "$dense" >"$work/d16.txt"
    table $((32 * x)) >"$work/t1.txt"
    table $((512 * x)) >"$work/t16.txt"
    rows=$(($(wc -l <"$work/tbody") * 32 * x))
    echo
    printf 'linearity, one check at a time: own(16x) / own(1x), in %s\n' "$unit"
    printf '(target: ratio ~ 16; 32 and more is worse than linear)\n'
    printf '  paragraph 1x %s KB, table 1x %s rows, dense paragraph 1x %s KB\n' \
        "$(($(wc -c <"$work/p1.txt") / 1024))" "$rows" "$(($(wc -c <"$work/d1.txt") / 1024))"
    # cost CHECK FILE: its run's instructions in millions (valgrind) or
    # best seconds.
    cost() {
        if [ "$unit" = s ]; then
            timed fl_check -j 1 --checks "$1" "$2"
            echo "$best"
        else
            # shellcheck disable=SC2086
            instructions "$FISLINT" check $ARGS -q --no-isolation -j 1 --checks "$1" "$2" |
                awk '{ printf "%.1f", $1 / 1e6 }'
        fi
    }
    costs=$work/costs
    : >"$costs"
    for c in $checks; do
        for f in l0 p1 p16 t1 t16 d1 d16; do
            echo "$c $f $(cost "$c" "$work/$f.txt")" >>"$costs"
        done
    done
    printf '  %-22s %-30s %-30s %s\n' check "paragraph own 1x / 16x  ratio" \
        "table own 1x / 16x  ratio" "dense own 1x / 16x  ratio"
    # The shared part of a document: the least any check cost on it (by
    # instructions), or the title alone (by time: the least check of a
    # time would be one that does something).
    awk -v unit="$unit" '
        { v[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
          if (!(($2) in low) || $3 < low[$2]) low[$2] = $3 }
        function own(c, f) {
            return unit == "s" ? v[c, f] - v[c, "l0"] : v[c, f] - low[f]
        }
        function cell(c, k,   a, b, r, small) {
            a = own(c, k "1"); b = own(c, k "16")
            small = unit == "s" ? 0.02 : 1.0
            # Too little own work at 1x to divide by: only its 16x says
            # something (n/a).
            r = a < small ? "n/a" : sprintf("%.1f", b / a)
            return sprintf("%8.2f / %-9.2f %6s      ", a, b, r)
        }
        END { for (i = 1; i <= n; i++) printf "  %-22s %s %s %s\n", order[i], cell(order[i], "p"), cell(order[i], "t"), cell(order[i], "d") }
    ' "$costs"
fi
if has linear; then
    # The second pass over one unit's reports: seed 003 as the same
    # office's report of N different years.  Each report is checked with
    # the unit's others, so a pass that built every related report anew
    # for every report grew with N * N; linear gives t16 / t4 ~ 4.
    seed003=$top/examples/003_b8f3d489ed9ef61e.txt
    unit_reports() { # DIR N
        mkdir -p "$1"
        y=2001
        while [ "$y" -le $((2000 + $2)) ]; do
            sed "1,5s/2023/$y/g" "$seed003" >"$1/r-$y.txt"
            y=$((y + 1))
        done
    }
    unit_reports "$work/u4" 4
    unit_reports "$work/u16" 16
    timed fl_check -j 1 --checks across-years "$work"/u4/*.txt
    a=$best
    timed fl_check -j 1 --checks across-years "$work"/u16/*.txt
    b=$best
    echo
    printf 'one unit, 4 and 16 reports of different years (across-years, -j1):\n'
    printf '  %s / %s s  ratio %s  (target ~ 4; 16 is quadratic)\n' "$a" "$b" \
        "$(ratio "$b" "$a")"
fi
if has startup; then
    # What one run costs before any work: a run per file (xargs -n 1, a
    # make rule per report) pays it every time.  The libraries of PDF,
    # DOCX/XLSX/HTML and fetching are modules loaded on first use, so a
    # run on a text file maps only what every run needs.
    printf '%s\n\n一、部门职责\n本部门负责预算管理。\n' "2024年度某局部门决算" >"$work/one.txt"
    runs=20
    many() { # COMMAND…: $runs times in a row
        _i=0
        while [ "$_i" -lt "$runs" ]; do "$@" >/dev/null 2>&1 || true; _i=$((_i + 1)); done
    }
    echo
    printf 'start-up, per run (best of %s rounds of %s runs):\n' "$ROUNDS" "$runs"
    # A program that does nothing, started the same way (not the builtin).
    true_bin=/bin/true
    [ -x "$true_bin" ] || true_bin=/usr/bin/true
    timed many "$true_bin"
    t_true=$best
    per_run() { awk -v t="$1" -v n="$runs" 'BEGIN { printf "%.1f", t * 1000 / n }'; }
    timed many "$FISLINT" --version
    printf '  %-32s %6s ms  (%s: %s ms)\n' "fislint --version" "$(per_run "$best")" \
        "$true_bin" "$(per_run "$t_true")"
    timed many fl_check "$work/one.txt"
    printf '  %-32s %6s ms\n' "fislint check, a one-line file" "$(per_run "$best")"
    if command -v ldd >/dev/null 2>&1; then
        printf '  %-32s %6s\n' "shared libraries at start" "$(ldd "$FISLINT" | wc -l)"
    fi
fi
