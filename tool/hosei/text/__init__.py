"""Text import: plain text, 例規集 pages and legacy HTML read into e-Gov XML."""
