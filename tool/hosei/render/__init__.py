"""Render: reports and appendix listings written as HTML, JSON and text."""
