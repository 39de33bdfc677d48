"""A tiny app that signs in with st.login (tests/e2e/test_signin_provider_e2e.py runs it)."""

import streamlit as st

if st.user.is_logged_in:
    st.write(f"Signed in as {st.user.email}")
    if st.button("Sign out"):
        st.logout()
else:
    st.write("Not signed in")
    if st.button("Sign in"):
        st.login()
