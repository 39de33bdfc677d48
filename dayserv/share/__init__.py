"""What leaves the app: provenance and publication mode, the analyst tables and their
files, the meeting pack as slides, a PowerPoint deck and an HTML report."""
