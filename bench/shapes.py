#!/usr/bin/env python3
"""shapes.py — look for text shapes on which the checks grow faster than
the input.

    bench/shapes.py path/to/fislint [SMALL_BYTES]

Every narrative line of the plugins' test fixtures (plugins/*/fixtures) is
repeated three ways, under the fixture's own title: as many paragraphs,
joined into one paragraph, and joined with its sentence ends (。；！) made
commas.  And every fixture with a table is checked with each of its table
lines (tab or pipe) repeated in place: headers, 合计 and entries alike.  Each shape is checked with all checks at about SMALL_BYTES
(default 150,000) and at four times that, and the CPU time of the two runs
compared: a linear check takes about 4 times as long, one that reads the
text again at every hit about 16.  Shapes whose time grows more than 6
times, and which take more than 0.3 s at the larger size, are printed as
FLAG lines; every shape's figures go to shapes.txt in the working
directory.  Times are CPU times of whole processes, so a busy machine
matters less; a FLAG is then narrowed down with --checks and valgrind
(see README, 速度).  Takes a few minutes; needs only python3.
"""
import glob
import os
import re
import resource
import subprocess
import sys
import tempfile

GROWTH_FLAG = 6.0
SLOW_FLAG = 0.3  # seconds at the larger size
TIMEOUT = 60

fislint = os.path.abspath(sys.argv[1])
env = dict(os.environ)
# A build directory's core/cli/fislint is libtool's wrapper script: the
# program itself is in .libs, its library in core/.libs (as in speed.sh).
libs_binary = os.path.join(os.path.dirname(fislint), '.libs', os.path.basename(fislint))
if os.path.isfile(libs_binary):
    fislint = libs_binary
    libdir = os.path.normpath(os.path.join(os.path.dirname(fislint), '..', '..', '.libs'))
    env['LD_LIBRARY_PATH'] = libdir + (':' + env['LD_LIBRARY_PATH'] if env.get('LD_LIBRARY_PATH') else '')
small = int(sys.argv[2]) if len(sys.argv) > 2 else 150000
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cjk = re.compile('[\u4e00-\u9fff]')


def fixture_lines():
    """(fixture, title, line) for each distinct narrative line."""
    seen = set()
    paths = sorted(glob.glob(os.path.join(top, 'plugins/*/fixtures/*.txt')) +
                   glob.glob(os.path.join(top, 'plugins/*/fixtures/*.md')))
    for path in paths:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().split('\n')
        title = next((l for l in lines if l.strip()), '')
        for line in lines:
            # table rows (tabs, pipes) and short lines are not narrative
            if ('\t' in line or line.startswith('|') or len(line) <= 20 or
                    not cjk.search(line) or line in seen):
                continue
            seen.add(line)
            yield os.path.relpath(path, top), title, line


def document(title, line, shape, n):
    if shape == 'paras':
        body = (line + '\n\n') * n
    elif shape == 'joined':
        body = line * n + '\n'
    else:  # nostop
        for mark in '。；！':
            line = line.replace(mark, '，')
        body = line * n + '\n'
    return title + '\n\n一、说明\n\n' + body


def table_fixtures():
    """(fixture, lines, indices of its table lines) for fixtures with a table."""
    paths = sorted(glob.glob(os.path.join(top, 'plugins/*/fixtures/*.txt')) +
                   glob.glob(os.path.join(top, 'plugins/*/fixtures/*.md')))
    for path in paths:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().split('\n')
        rows = {i for i, l in enumerate(lines) if '\t' in l or l.startswith('|')}
        if len(rows) >= 3:
            yield os.path.relpath(path, top), lines, rows


def repeated_rows(lines, rows, k):
    out = []
    for i, line in enumerate(lines):
        out.extend([line] * (k if i in rows else 1))
    return '\n'.join(out) + '\n'


def cpu_seconds(path):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        run = subprocess.run([fislint, 'check', '-q', '--no-isolation', '-j', '1', '-f', 'jsonl', path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                             timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return float(TIMEOUT)
    if run.returncode not in (0, 1):  # findings or none; anything else is no timing
        sys.exit('shapes.py: %s exited with status %d: %s' %
                 (fislint, run.returncode, run.stderr.decode(errors='replace').strip()[:300]))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def growth(out, tmp, suffix, make, shape, fixture, what):
    """Times make(1) and make(4); writes the row, returns 1 when flagged."""
    times = []
    for mult in (1, 4):
        path = os.path.join(tmp, 'shape' + suffix)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(make(mult))
        times.append(cpu_seconds(path))
    g = times[1] / max(times[0], 0.01)
    row = '%6.1f %8.2f %8.2f  %-7s %s | %s' % (g, times[0], times[1], shape, fixture, what[:60])
    out.write(row + '\n')
    if g > GROWTH_FLAG and times[1] > SLOW_FLAG:
        print('FLAG', row, flush=True)
        return 1
    return 0


def main():
    flagged = 0
    with tempfile.TemporaryDirectory() as tmp, open('shapes.txt', 'w') as out:
        out.write('growth  small_s  large_s  shape   fixture | line\n')
        lines = list(fixture_lines())
        for fixture, title, line in lines:
            n = max(1, small // len(line.encode()))
            for shape in ('paras', 'joined', 'nostop'):
                flagged += growth(out, tmp, '.txt',
                                  lambda m: document(title, line, shape, m * n),
                                  shape, fixture, line)
        tables = list(table_fixtures())
        for fixture, flines, rows in tables:
            n = max(1, small // sum(len(flines[i].encode()) for i in rows))
            flagged += growth(out, tmp, os.path.splitext(fixture)[1],
                              lambda m: repeated_rows(flines, rows, m * n),
                              'rows', fixture, '(its table lines repeated)')
    print('%d lines, 3 shapes each, and %d tables with their rows repeated: %d flagged; '
          'all figures in shapes.txt' % (len(lines), len(tables), flagged))
    return 1 if flagged else 0


if __name__ == '__main__':
    sys.exit(main())
