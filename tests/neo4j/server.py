"""A real Bolt server for tests and benchmarks: ArcadeDB with its Bolt plugin, from PyPI alone.

Neo4j itself cannot be installed from the registries this project reaches; ArcadeDB
(``arcadedb-embedded==26.10.2.post1``, in the ``test`` extra) bundles its own Java runtime and
speaks Bolt 5 with Neo4j-5 Cypher and real transactions.  The recipe is the one measured in
``../shared/notes/bolt-server.md``: listen on 127.0.0.1 only, a fresh temp dir per server, wait
for the port and then for ``RETURN 1`` on the database, stop by PID (SIGTERM, then SIGKILL).

>>> ServerUnavailable("no Java runtime").reason
'no Java runtime'
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "citegraph"
USER = "root"
PASSWORD = "citegraph-test"
START_TIMEOUT_S = 90.0


class ServerUnavailable(Exception):
    """The test server could not be started; ``reason`` says why (shown by the test or benchmark)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def arcadedb_home() -> Path:
    """The installed ``arcadedb_embedded`` package directory (holds ``jre/`` and ``jars/``)."""
    try:
        import arcadedb_embedded
    except ImportError as exc:
        raise ServerUnavailable(
            f"arcadedb-embedded is not installed ({exc}); run: pip install -e '.[test]'") from None
    home = Path(arcadedb_embedded.__file__).resolve().parent
    java = home / "jre" / "bin" / "java"
    if not java.exists():
        raise ServerUnavailable(f"arcadedb-embedded has no bundled Java runtime at {java}")
    if not any((home / "jars").glob("arcadedb-bolt-*.jar")):
        raise ServerUnavailable(f"arcadedb-embedded has no Bolt plugin jar in {home / 'jars'}")
    return home


@dataclass
class BoltServer:
    """One running server; ``uri``/``auth``/``database`` are what a driver needs."""

    process: subprocess.Popen
    workdir: Path
    bolt_port: int
    http_port: int
    database: str = DATABASE
    auth: tuple[str, str] = (USER, PASSWORD)
    started_in_s: float = 0.0
    _owns_workdir: bool = field(default=True, repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.workdir / "server.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def driver(self):
        from neo4j import GraphDatabase
        return GraphDatabase.driver(self.uri, auth=self.auth)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM the server by its PID, wait, SIGKILL if it lingers; then remove its temp dir."""
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        if self._owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "BoltServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class ExternalServer:
    """A server someone else runs (a real Neo4j 5): same attributes as BoltServer, never stopped here."""

    uri: str
    auth: tuple[str, str]
    database: str = "neo4j"
    started_in_s: float = 0.0

    def driver(self):
        from neo4j import GraphDatabase
        return GraphDatabase.driver(self.uri, auth=self.auth)

    def stop(self) -> None:
        pass


ENV_EXTERNAL = "CITEGRAPH_TEST_NEO4J_URI"


def external_from_env() -> ExternalServer | None:
    """``$CITEGRAPH_TEST_NEO4J_URI`` (+ ``_USER``, ``_PASSWORD``, ``_DATABASE``): test against that server.

    The tests empty its database: point it at a throwaway one.
    """
    uri = os.environ.get(ENV_EXTERNAL)
    if not uri:
        return None
    return ExternalServer(uri, (os.environ.get(ENV_EXTERNAL.replace("URI", "USER"), "neo4j"),
                                os.environ.get(ENV_EXTERNAL.replace("URI", "PASSWORD"), "")),
                          os.environ.get(ENV_EXTERNAL.replace("URI", "DATABASE"), "neo4j"))


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def start_server(*, workdir: str | os.PathLike[str] | None = None, heap_mb: int = 1024,
                 timeout: float = START_TIMEOUT_S, database: str = DATABASE) -> BoltServer:
    """Start ArcadeDB + Bolt on 127.0.0.1 (free ports, temp dir) and wait until queries run.

    Raises ServerUnavailable with the reason (and the server log's tail) if it cannot start.
    """
    home = arcadedb_home()
    owns = workdir is None
    work = Path(workdir or tempfile.mkdtemp(prefix="citegraph-bolt-"))
    work.mkdir(parents=True, exist_ok=True)
    bolt_port, http_port = free_port(), free_port()
    while http_port == bolt_port:
        http_port = free_port()
    cmd = [
        # The whole heap from the start and the throughput collector: on a 2-core machine the default
        # (G1 growing from a small heap) spent several seconds more CPU per push while warming up.
        str(home / "jre" / "bin" / "java"), f"-Xms{heap_mb}m", f"-Xmx{heap_mb}m", "-XX:+UseParallelGC",
        "-cp", str(home / "jars") + "/*",
        f"-Darcadedb.server.rootPath={work}", f"-Darcadedb.server.databaseDirectory={work / 'databases'}",
        f"-Darcadedb.server.rootPassword={PASSWORD}", "-Darcadedb.server.mode=development",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1", f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
        f"-Darcadedb.server.defaultDatabases={database}[{USER}]", f"-Darcadedb.bolt.defaultDatabase={database}",
        "com.arcadedb.server.ArcadeDBServer",
    ]
    t0 = time.monotonic()
    log = open(work / "server.log", "wb")
    try:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=work)
    except OSError as exc:
        log.close()
        if owns:
            shutil.rmtree(work, ignore_errors=True)
        raise ServerUnavailable(f"cannot run the bundled Java runtime: {exc}") from None
    log.close()
    server = BoltServer(proc, work, bolt_port, http_port, database=database, _owns_workdir=owns)
    try:
        _wait_ready(server, t0 + timeout)
    except ServerUnavailable as exc:
        tail = server.log_tail()
        server.stop()
        raise ServerUnavailable(f"{exc.reason}\n--- server.log (tail) ---\n{tail}" if tail else exc.reason) from None
    server.started_in_s = time.monotonic() - t0
    return server


def _wait_ready(server: BoltServer, deadline: float) -> None:
    while not _port_open(server.bolt_port):
        if server.process.poll() is not None:
            raise ServerUnavailable(f"ArcadeDB exited with code {server.process.returncode} before opening Bolt")
        if time.monotonic() > deadline:
            raise ServerUnavailable(f"Bolt port {server.bolt_port} did not open in time")
        time.sleep(0.1)
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, DriverError
    except ImportError as exc:
        raise ServerUnavailable(f"the neo4j driver is not installed ({exc})") from None
    last = "no answer"
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise ServerUnavailable(f"ArcadeDB exited with code {server.process.returncode}")
            try:
                with driver.session(database=server.database) as session:
                    if session.run("RETURN 1 AS one").single()["one"] == 1:
                        return
            except (Neo4jError, DriverError, OSError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            time.sleep(0.2)
    raise ServerUnavailable(f"database {server.database!r} not ready in time ({last})")
