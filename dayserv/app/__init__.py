"""The Streamlit side: loading and session state, the sidebar, the widgets and page parts
the pages share, downloads, and giving memory back. The only package importing Streamlit."""
