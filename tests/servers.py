"""Real servers for the tests: a throwaway PostgreSQL cluster and a local OpenID Connect provider.

`postgres_cluster()` yields the SQLAlchemy URL of a PostgreSQL server (the one .ci/run
started, named by DAYSERV_TEST_POSTGRES_URL, else a cluster of its own made with Debian's
postgresql-15), and `fresh_database()` makes an empty database on it. `oidc_provider()` runs
the npm oidc-provider of tests/oidc (Node) and writes the Streamlit secrets.toml that signs
in with it; `sign_in()` goes through its login and consent pages in Playwright. Each raises
`Unavailable` when what it needs is not on the machine (tests/conftest.py turns that into a
skip, or a failure under CI).
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
OIDC_DIR = Path(__file__).resolve().parent / "oidc"
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
POSTGRES_URL_ENV = "DAYSERV_TEST_POSTGRES_URL"


class Unavailable(RuntimeError):
    """A server the tests need cannot be had on this machine (the message says what is missing)."""


# Ports below Linux's ephemeral range (32768-60999), so no outgoing connection holds one.
PORTS = range(20_000, 32_000)


def _worker() -> tuple[int, int]:
    """This pytest-xdist worker's number and how many workers there are ((0, 1) without)."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(name.removeprefix("gw")), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


def free_port() -> int:
    """A free port of this worker's own: worker N of W takes the ports p with p % W == N, so
    two workers never pick the same one; picked at random, so two test runs on a shared
    machine rarely do; checked free by binding it."""
    index, count = _worker()
    ports = [port for port in PORTS if port % count == index]
    for port in random.sample(ports, 100):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port among {len(ports)} of {PORTS}")


# PostgreSQL ----------------------------------------------------------------------------------


def psycopg_url(url: str) -> str:
    """The URL with SQLAlchemy's psycopg 3 driver named: a bare postgresql:// URL would make
    SQLAlchemy look for psycopg2, which is not installed."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _as_postgres(command: list[str]) -> list[str]:
    """The command run as the postgres user when we are root (PostgreSQL refuses to run as
    root), else as ourselves."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str]) -> None:
    """Run a command, raising with its output if it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def wait_for_postgres(url: str, timeout: float = 30) -> None:
    """Wait until the server at url accepts a connection and answers `select 1`."""
    engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.NullPool)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(sqlalchemy.text("select 1"))
                return
            except sqlalchemy.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        engine.dispose()


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """Yield the SQLAlchemy URL of a PostgreSQL server whose `postgres` database we may
    administer (create databases in).

    DAYSERV_TEST_POSTGRES_URL, when set, names one (.ci/run starts one and sets it). Else a
    throwaway cluster is made with Debian's postgresql-15 in a temporary directory owned by
    the postgres user (initdb -A trust), started on a free loopback port with its socket in
    that directory, and stopped and deleted at the end. Raises Unavailable if neither can be.
    """
    if os.environ.get(POSTGRES_URL_ENV):
        yield psycopg_url(os.environ[POSTGRES_URL_ENV])
        return
    initdb = POSTGRES_BIN / "initdb"
    if not initdb.exists():
        raise Unavailable(
            f"no PostgreSQL: set {POSTGRES_URL_ENV} or apt-get install postgresql-15 ({initdb})"
        )
    directory = Path(tempfile.mkdtemp(prefix="dayserv-pg-"))
    data = directory / "data"
    pg_ctl = [str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-l", str(directory / "log")]
    started = False
    try:
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        _run(
            _as_postgres(
                [str(initdb), "-D", str(data), "-A", "trust", "-U", "postgres"]
                + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
            )
        )
        for _ in range(3):  # another program may take the port between the pick and the start
            port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -k {directory}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            done = subprocess.run(
                _as_postgres([*pg_ctl, "-o", options, "-w", "-t", "60", "start"]),
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                started = True
                break
        if not started:
            log = (directory / "log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start, three times:\n{log}")
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        wait_for_postgres(url)
        yield url
    finally:
        if started:
            subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


def _admin_engine(admin_url: str) -> sqlalchemy.Engine:
    """An engine outside transactions (CREATE and DROP DATABASE refuse to run in one)."""
    return sqlalchemy.create_engine(
        psycopg_url(admin_url), isolation_level="AUTOCOMMIT", poolclass=sqlalchemy.pool.NullPool
    )


def fresh_database(admin_url: str) -> str:
    """Create an empty database with a random name on admin_url's server and return its URL
    (admin_url with the database name replaced)."""
    name = f"dayserv_test_{secrets.token_hex(6)}"
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(psycopg_url(admin_url)).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    """Drop the database url names (made by fresh_database), closing its connections first."""
    name = make_url(url).database
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


# OpenID Connect -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OIDCProvider:
    """A running tests/oidc/provider.mjs: its issuer URL (http://127.0.0.1:PORT) and the one
    client registered on it. The client takes any http://127.0.0.1:ANYPORT/oauth2callback
    (or localhost) as its redirect URI, so one provider serves every app."""

    issuer: str
    client_id: str
    client_secret: str

    @property
    def metadata_url(self) -> str:
        """The provider's discovery document, Streamlit's server_metadata_url."""
        return f"{self.issuer}/.well-known/openid-configuration"

    def secrets_toml(self, app_url: str) -> str:
        """The text of a Streamlit secrets.toml whose [auth] signs in with this provider, for
        the app served at app_url (e.g. http://127.0.0.1:8501). prompt = "login", because
        the provider refuses Streamlit's default prompt, select_account."""
        return (
            "[auth]\n"
            f'redirect_uri = "{app_url.rstrip("/")}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            f'client_id = "{self.client_id}"\n'
            f'client_secret = "{self.client_secret}"\n'
            f'server_metadata_url = "{self.metadata_url}"\n'
            'client_kwargs = { prompt = "login" }\n'
        )

    def write_secrets(self, path: Path | str, app_url: str) -> Path:
        """Write secrets_toml(app_url) to path and return the path: pass it to `streamlit run`
        as `--secrets.files PATH`."""
        path = Path(path)
        path.write_text(self.secrets_toml(app_url), encoding="utf-8")
        return path


def _wait_for_url(url: str, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until url answers 200 (True), or the process exits (False); raise after timeout."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.2)
    return False


def _stop(process: subprocess.Popen) -> None:
    """Terminate a process, killing it if it has not exited within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def oidc_provider() -> Iterator[OIDCProvider]:
    """Run tests/oidc/provider.mjs with node on a free loopback port until the end of the
    block, yielding an OIDCProvider once its discovery document answers.

    Raises Unavailable if node or tests/oidc/node_modules (npm ci --prefix tests/oidc) is
    missing."""
    node = shutil.which("node")
    if node is None:
        raise Unavailable("node is not installed (apt-get install nodejs)")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        raise Unavailable(f"oidc-provider is not installed: npm ci --prefix {OIDC_DIR}")
    client_id, client_secret = "dayserv-test", secrets.token_urlsafe(24)
    with tempfile.TemporaryFile() as log:
        for _ in range(3):  # another program may take the port between the pick and the start
            port = free_port()
            process = subprocess.Popen(
                [node, str(OIDC_DIR / "provider.mjs"), str(port), client_id, client_secret],
                cwd=OIDC_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            provider = OIDCProvider(f"http://127.0.0.1:{port}", client_id, client_secret)
            try:
                answered = _wait_for_url(provider.metadata_url, process, timeout=30)
            except BaseException:
                _stop(process)
                raise
            if answered:
                break
        else:
            log.seek(0)
            output = log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(
                f"the OIDC provider exited before it answered, three times:\n{output}"
            )
        try:
            yield provider
        finally:
            _stop(process)


def _on_app(app_url: str):
    """Whether a URL is a page of the app at app_url (not its /oauth2callback on the way)."""
    origin = app_url.rstrip("/")
    return lambda url: url.startswith(origin) and "/oauth2callback" not in url


def sign_in(page, app_url: str, email: str, button: str = "Sign in", timeout: float = 30_000):
    """Sign in through the provider on a Playwright page that shows the app at app_url with a
    sign-in button: click the button named `button`, fill the provider's login form with
    email (the account's email and id) and any password, pass its consent screen (skipped
    when this browser context has already consented), and wait until the page is back on the
    app, past /oauth2callback."""
    on_app = _on_app(app_url)
    page.get_by_role("button", name=button).click()
    login = page.locator('input[name="login"]')
    login.wait_for(timeout=timeout)
    form_url = page.url
    login.fill(email)
    page.locator('input[name="password"]').fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(lambda url: url != form_url, timeout=timeout)
    if not on_app(page.url):
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(on_app, timeout=timeout)


def sign_out(page, app_url: str, button: str = "Sign out", timeout: float = 30_000):
    """Sign out on a Playwright page that shows the app at app_url with a button calling
    st.logout(): click it, confirm on the provider's sign-out page (st.logout signs out of
    the provider too), and wait until the page is back on the app."""
    page.get_by_role("button", name=button).click()
    page.get_by_role("button", name="Yes, sign me out").click(timeout=timeout)
    page.wait_for_url(_on_app(app_url), timeout=timeout)
