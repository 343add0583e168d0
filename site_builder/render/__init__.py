"""Rendering: views prepared in Python, pages planned, templates rendered, files written atomically."""
