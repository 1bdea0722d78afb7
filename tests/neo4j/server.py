"""A real Neo4j 5 for tests and benchmarks: Neo4j 5.26 LTS Community from Maven Central.

``tests/neo4j/launcher/pom.xml`` names the artifact (``org.neo4j:neo4j``: kernel, Cypher, Bolt);
``prepare()`` resolves it with Maven (jars cached in ``~/.m2``, the classpath written to
``launcher/target/classpath.txt``) and compiles ``CitegraphNeo4j.java`` with ``javac``.
``start_server()`` runs that launcher on the machine's Java 17: Bolt on 127.0.0.1 (a free port),
authentication on (user ``neo4j``, a password read from a file), a fresh temp home per server;
it waits until ``RETURN 1`` runs on the ``neo4j`` database and stops by PID (SIGTERM, which shuts
the databases down cleanly, SIGKILL if it lingers).

``python3 -m tests.neo4j.server --prepare`` does the Maven and javac steps alone (scripts/test.sh
runs it so that a machine without Maven Central fails early, with Maven's own error).

>>> ServerUnavailable("no Java runtime").reason
'no Java runtime'
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parent / "launcher"
POM = LAUNCHER / "pom.xml"
SOURCE = LAUNCHER / "CitegraphNeo4j.java"
TARGET = LAUNCHER / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
CLASSES = TARGET / "classes"
MAIN_CLASS = "CitegraphNeo4j"

DATABASE = "neo4j"  # Community has one user database, named neo4j
USER = "neo4j"
START_TIMEOUT_S = 240.0  # a cold JVM on a busy 2-core machine takes 15-40 s
PREPARE_TIMEOUT_S = 900.0  # a cold Maven fetch of ~130 MB of jars


class ServerUnavailable(Exception):
    """The test server could not be started; ``reason`` says why (shown by the test or benchmark)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_tool(cmd: list[str], what: str, timeout: float) -> None:
    if shutil.which(cmd[0]) is None:
        raise ServerUnavailable(f"{cmd[0]} is not installed ({what} needs it; scripts/test.sh installs it)")
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ServerUnavailable(f"{what} did not finish in {timeout:.0f} s: {' '.join(cmd)}") from None
    if out.returncode != 0:
        tail = "\n".join((out.stdout + out.stderr).strip().splitlines()[-25:])
        raise ServerUnavailable(f"{what} failed (exit code {out.returncode}): {' '.join(cmd)}\n{tail}")


def _stale(product: Path, *sources: Path) -> bool:
    return not product.exists() or any(product.stat().st_mtime < s.stat().st_mtime for s in sources)


def prepare() -> str:
    """The launcher's classpath (Neo4j from Maven, the compiled launcher first); fetches and
    compiles only when the pom or the source changed."""
    TARGET.mkdir(exist_ok=True)
    if _stale(CLASSPATH_FILE, POM):
        _run_tool(["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath",
                   f"-Dmdep.outputFile={CLASSPATH_FILE}"], "fetching Neo4j from Maven Central", PREPARE_TIMEOUT_S)
    jars = CLASSPATH_FILE.read_text().strip()
    main = CLASSES / f"{MAIN_CLASS}.class"
    if _stale(main, SOURCE, CLASSPATH_FILE):
        _run_tool(["javac", "-encoding", "UTF-8", "-cp", jars, "-d", str(CLASSES), str(SOURCE)],
                  "compiling the Neo4j launcher", 300)
    return f"{CLASSES}{os.pathsep}{jars}"


@dataclass
class BoltServer:
    """One running server; ``uri``/``auth``/``database`` are what a driver needs."""

    process: subprocess.Popen
    workdir: Path
    bolt_port: int
    password: str
    database: str = DATABASE
    started_in_s: float = 0.0
    _owns_workdir: bool = field(default=True, repr=False)

    @property
    def auth(self) -> tuple[str, str]:
        return (USER, self.password)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def import_dir(self) -> Path | None:
        """Where ``LOAD CSV FROM 'file:///name.csv'`` reads (the server's import folder)."""
        return self.workdir / "import"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.workdir / "server.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def driver(self):
        from neo4j import GraphDatabase
        return GraphDatabase.driver(self.uri, auth=self.auth)

    def stop(self, timeout: float = 60.0) -> None:
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
        if self.process.stdin is not None:
            self.process.stdin.close()
        if self._owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "BoltServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class ExternalServer:
    """A Neo4j 5 someone else runs: same attributes as BoltServer, never stopped here."""

    uri: str
    auth: tuple[str, str]
    database: str = DATABASE
    started_in_s: float = 0.0
    import_dir: Path | None = None  # its import folder is not reachable from here

    def driver(self):
        from neo4j import GraphDatabase
        return GraphDatabase.driver(self.uri, auth=self.auth)

    def stop(self) -> None:
        pass


ENV_EXTERNAL = "CITEGRAPH_TEST_NEO4J_URI"


def external_from_env() -> ExternalServer | None:
    """``$CITEGRAPH_TEST_NEO4J_URI`` (+ ``_USER``, ``_PASSWORD``, ``_DATABASE``, and ``_IMPORT_DIR``
    when its import folder is reachable from here): test against that server.

    The tests empty its database: point it at a throwaway one.
    """
    uri = os.environ.get(ENV_EXTERNAL)
    if not uri:
        return None
    env = lambda part, default: os.environ.get(ENV_EXTERNAL.replace("URI", part), default)  # noqa: E731
    import_dir = env("IMPORT_DIR", None)
    return ExternalServer(uri, (env("USER", USER), env("PASSWORD", "")), env("DATABASE", DATABASE),
                          import_dir=Path(import_dir) if import_dir else None)


def admin_script(folder: Path) -> Path:
    """A ``neo4j-admin`` command in ``folder`` that runs the real one (``org.neo4j.cli.AdminTool``,
    from the same Maven jars) with its home in ``folder/home``: put ``folder`` first on PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "home" / "conf").mkdir(parents=True, exist_ok=True)
    script = folder / "neo4j-admin"
    script.write_text("#!/bin/sh\n"
                      f"NEO4J_HOME='{folder / 'home'}' NEO4J_CONF='{folder / 'home' / 'conf'}' "
                      f"exec java -Xmx512m -cp '{prepare()}' org.neo4j.cli.AdminTool \"$@\"\n")
    script.chmod(0o755)
    return script


def components(driver) -> str:
    """``Neo4j Kernel 5.26.30 community``: the server's own name, version and edition."""
    recs = driver.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                "RETURN name, versions, edition").records
    return "; ".join(f"{r['name']} {'/'.join(r['versions'])} {r['edition']}" for r in recs)


def start_server(*, heap_mb: int = 1024, timeout: float = START_TIMEOUT_S) -> BoltServer:
    """Start Neo4j with Bolt on 127.0.0.1 (free port, temp home) and wait until queries run.

    Raises ServerUnavailable with the reason (and the server log's tail) if it cannot start.
    """
    classpath = prepare()
    if shutil.which("java") is None:
        raise ServerUnavailable("java is not installed (Neo4j 5.26 needs Java 17 or 21)")
    work = Path(tempfile.mkdtemp(prefix="citegraph-neo4j-"))
    (work / "import").mkdir()
    password = secrets.token_urlsafe(18)
    pw_file = work / "password"
    pw_file.write_text(password)
    pw_file.chmod(0o600)
    port = free_port()
    cmd = [
        # The whole heap from the start and the throughput collector: on 2 shared cores the default
        # G1 growing from a small heap spends more CPU while the server warms up.
        "java", f"-Xms{heap_mb}m", f"-Xmx{heap_mb}m", "-XX:+UseParallelGC",
        "-cp", classpath, MAIN_CLASS, str(work / "home"), str(port), str(pw_file), str(work / "import"),
    ]
    t0 = time.monotonic()
    with open(work / "server.log", "wb") as log:
        try:
            # stdin stays open while this process lives: at its end, however it ends, the server stops
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.PIPE, cwd=work)
        except OSError as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise ServerUnavailable(f"cannot run java: {exc}") from None
    server = BoltServer(proc, work, port, password)
    try:
        _wait_ready(server, t0 + timeout)
    except ServerUnavailable as exc:
        tail = server.log_tail()
        server.stop()
        raise ServerUnavailable(f"{exc.reason}\n--- server.log (tail) ---\n{tail}" if tail else exc.reason) from None
    except BaseException:
        server.stop()
        raise
    server.started_in_s = time.monotonic() - t0
    return server


def _wait_ready(server: BoltServer, deadline: float) -> None:
    log = server.workdir / "server.log"
    while b"citegraph-neo4j ready" not in log.read_bytes():
        if server.process.poll() is not None:
            raise ServerUnavailable(f"Neo4j exited with code {server.process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise ServerUnavailable("Neo4j did not say it was ready in time")
        time.sleep(0.2)
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import DriverError, Neo4jError
    except ImportError as exc:
        raise ServerUnavailable(f"the neo4j driver is not installed ({exc})") from None
    last = "no answer"
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise ServerUnavailable(f"Neo4j exited with code {server.process.returncode}")
            try:
                with driver.session(database=server.database) as session:
                    if session.run("RETURN 1 AS one").single()["one"] == 1:
                        return
            except (Neo4jError, DriverError, OSError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            time.sleep(0.2)
    raise ServerUnavailable(f"database {server.database!r} not ready in time ({last})")


if __name__ == "__main__":
    if sys.argv[1:] != ["--prepare"]:
        sys.exit("usage: python3 -m tests.neo4j.server --prepare")
    try:
        prepare()
    except ServerUnavailable as exc:
        sys.exit(f"Neo4j for the tests: {exc.reason}")
    print(f"Neo4j for the tests: ready to start ({CLASSPATH_FILE})")
