"""The store: saved areas, their versions, what users enter for them, who may see them and
their share links, in SQLite by default or the database ``DAYSERV_DATABASE_URL`` names."""
