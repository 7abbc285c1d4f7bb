"""The fault tier (issue 18, item 1): kill -9 under load, nothing acknowledged lost.

One package-scoped stack (``conftest.py``): the Cairn processes, each serving ``/readyz`` on a
port of its own, on a private Kafka broker, SecantusDB and Elasticsearch (``servers.py``,
started from ``make servers``' software and recipes on free ports: the machine's shared servers
are never killed). Per fault (``test_process_faults.py``: the gateway and every service process;
``test_server_faults.py``: Kafka, SecantusDB and Elasticsearch) the workload of
``workload.py`` runs, the victim is killed with SIGKILL and started again at once, and
``harness.py`` asserts and reports: acknowledged writes == writes found afterwards, 0
duplicates, no wrong answer (only 200s, 502/503/504 or refused/reset connections, never a
hang past the client timeout), recovery (kill -> first 200 of a call the victim answers)
within 60 s. One ``FAULT ...`` line per fault (``pytest -s``); all results as JSON in
``.test-logs/<run>-faults.json``. ``test_store_durability.py`` kills SecantusDB under plain
inserts: acknowledged writes must be journaled.

A killed server's own start is not counted in the recovery bound (``victim_up``). ``make soak`` runs the tier longer
(``CAIRN_FAULTS_SOAK=5``: five times the workload around each kill; ``CAIRN_FAULTS_KILLS=3``:
three kills of each victim under one workload).
"""
