"""History: the git store of revisions, the workspace, laws as in force on a date."""
