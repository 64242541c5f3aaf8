"""Speed benchmarks: `python -m bench` measures the issue's speed targets on the demo school
scaled to 3,000 pupils and prints a Markdown table (also written to bench/results.md).

Each measure runs in its own subprocess (the app keeps one open database per process):

* ``coldstart`` — process launch → main window shown, roster loaded, first idle turn;
* ``search_typing`` — search-as-you-type latency in a real MainWindow (offscreen);
* ``enrol``     — one enrolment's commit (`enrolment.enrol`), on a copy of the database;
* ``render``    — the 学生基本信息表 PDF (`print_student_info`).

Kept import-free: the cold-start child runs as ``python -m bench._coldstart_child`` and must not
pay for anything but the app itself.
"""
