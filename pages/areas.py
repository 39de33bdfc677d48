"""Saved areas: save what is shown as an area's next version, open any version again, see
what changed, download the files as saved, share by a read-only link, members, delete."""

from dayserv.app import areas_page

areas_page.draw()
