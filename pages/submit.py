"""Send a return: the page a provider's round link opens (``/?submit=TOKEN``), alone."""

from dayserv.app import submit_page

submit_page.draw()
