"""Streamlit's st.login signs in through the local OpenID Connect provider (tests/oidc).

What the login flow needs, found in making this work with Streamlit 1.67:

- `streamlit run APP --secrets.files PATH` reads the [auth] section from PATH (the list
  replaces the default .streamlit/secrets.toml places, so no developer's own secrets get in).
- [auth] needs redirect_uri = "http://127.0.0.1:APPPORT/oauth2callback" (the port the app
  serves on, so it is picked before the secrets are written), cookie_secret, client_id,
  client_secret, server_metadata_url = the provider's /.well-known/openid-configuration, and
  client_kwargs = { prompt = "login" }: Streamlit's default prompt, select_account, is one
  the provider refuses.
- The provider registers the client as a "native" one with http://127.0.0.1/oauth2callback,
  which lets any loopback port through (RFC 8252), for redirects and for st.logout's
  post_logout_redirect_uri alike; so one provider serves every app of a test run.
- The ID token must carry email (the provider's conformIdTokenClaims: false): st.user is
  the ID token's claims, here sub, email, email_verified and name.
- In the browser: the app's button, the provider's login form (any login, any password; the
  login becomes the account, its email the login or LOGIN@example.org), its consent page
  (Continue), then back to the app through /oauth2callback. st.logout goes to the
  provider's sign-out page, which asks to confirm. tests/servers.py's sign_in and sign_out
  do these steps.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import free_port, start_server, stop_server
from tests.servers import sign_in, sign_out

APP = "tests/e2e/signin_app.py"


def _start_app(oidc, secrets_dir):
    """Start `streamlit run` on signin_app.py with a secrets.toml for the provider; returns
    (process, url). Tried on another port if the server exits before it answers."""
    for _ in range(3):
        port = free_port()
        secrets = oidc.write_secrets(secrets_dir / "secrets.toml", f"http://127.0.0.1:{port}")
        try:
            return start_server(args=("--secrets.files", str(secrets)), port=port, app=APP)
        except RuntimeError as exc:
            if "exited before it answered" not in str(exc):
                raise
    raise RuntimeError("streamlit run exited before it answered, three times")


@pytest.fixture(scope="module")
def signin_app(browser, oidc, tmp_path_factory):
    """The sign-in app served by `streamlit run`, set up to sign in with the oidc fixture."""
    process, url = _start_app(oidc, tmp_path_factory.mktemp("signin"))
    yield url
    stop_server(process)


def test_sign_in_shows_the_email(page, signin_app):
    page.goto(signin_app)
    expect(page.get_by_text("Not signed in")).to_be_visible()
    sign_in(page, signin_app, "alice@example.com")
    expect(page.get_by_text("Signed in as alice@example.com")).to_be_visible()


def test_a_plain_login_name_gets_an_example_org_email_and_signs_out(page, signin_app):
    page.goto(signin_app)
    sign_in(page, signin_app, "bob")
    expect(page.get_by_text("Signed in as bob@example.org")).to_be_visible()
    sign_out(page, signin_app)
    expect(page.get_by_text("Not signed in")).to_be_visible()
